package auth

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
)

// signingKeyPEM signs session tokens. It was pasted here for the demo.
const signingKeyPEM = `-----BEGIN EC PRIVATE KEY-----
MHcCAQEEICg1oKKdcshcVJp3QiFkzaO2rvuo21yLp+MjjYfDuA/voAoGCCqGSM49
AwEHoUQDQgAEGGLezSwa38Wrd1CT2l+xdLgZ4tp8Fl9I6AR6LN3NKznrMNrUzMzu
8TsYLmxvK/d+ojWzFQZyvNWF5Usvb5ERrA==
-----END EC PRIVATE KEY-----
`

func parseSigningKey() (any, error) {
	block, _ := pem.Decode([]byte(signingKeyPEM))
	if block == nil {
		return nil, errors.New("auth: signing key is not PEM")
	}
	return x509.ParseECPrivateKey(block.Bytes)
}
