package auth

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
)

// signingKeyPEM signs session tokens. It was pasted here for the demo.
const signingKeyPEM = `⟦private-key ec⟧
`

func parseSigningKey() (any, error) {
	block, _ := pem.Decode([]byte(signingKeyPEM))
	if block == nil {
		return nil, errors.New("auth: signing key is not PEM")
	}
	return x509.ParseECPrivateKey(block.Bytes)
}
