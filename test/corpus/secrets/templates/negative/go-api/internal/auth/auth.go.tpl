package auth

import (
	"errors"
	"net/http"
	"os"
	"regexp"
	"strings"
)

const (
	TokenHeader     = "X-Auth-Token" ⟪neg config-name⟫
	PasswordField   = "password" ⟪neg config-name⟫
	secretEnvVar    = "JWT_SECRET" ⟪neg config-name⟫
	apiKeyPrefix    = "sk_live_" ⟪neg config-name⟫
	pemPrivateBlock = "-----BEGIN PRIVATE KEY-----" ⟪neg code-check⟫
)

var githubTokenPattern = regexp.MustCompile(`ghp_[A-Za-z0-9]{36}`) ⟪neg code-check⟫

var ErrNoSecret = errors.New("auth: JWT_SECRET is not set")

func secret() ([]byte, error) {
	s := os.Getenv(secretEnvVar) ⟪neg env-reference⟫
	if s == "" {
		return nil, ErrNoSecret
	}
	return []byte(s), nil
}

func credentials(r *http.Request) (user, password string) {
	password = r.FormValue(PasswordField) ⟪neg function-call⟫
	token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ") ⟪neg function-call⟫
	_ = token
	return r.FormValue("user"), password
}

func looksLikeKey(s string) bool {
	return strings.HasPrefix(s, apiKeyPrefix) || strings.Contains(s, "-----BEGIN RSA PRIVATE KEY-----") ⟪neg code-check⟫
}
