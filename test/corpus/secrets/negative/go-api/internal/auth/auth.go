package auth

import (
	"errors"
	"net/http"
	"os"
	"regexp"
	"strings"
)

const (
	TokenHeader     = "X-Auth-Token"
	PasswordField   = "password"
	secretEnvVar    = "JWT_SECRET"
	apiKeyPrefix    = "sk_live_"
	pemPrivateBlock = "-----BEGIN PRIVATE KEY-----"
)

var githubTokenPattern = regexp.MustCompile(`ghp_[A-Za-z0-9]{36}`)

var ErrNoSecret = errors.New("auth: JWT_SECRET is not set")

func secret() ([]byte, error) {
	s := os.Getenv(secretEnvVar)
	if s == "" {
		return nil, ErrNoSecret
	}
	return []byte(s), nil
}

func credentials(r *http.Request) (user, password string) {
	password = r.FormValue(PasswordField)
	token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	_ = token
	return r.FormValue("user"), password
}

func looksLikeKey(s string) bool {
	return strings.HasPrefix(s, apiKeyPrefix) || strings.Contains(s, "-----BEGIN RSA PRIVATE KEY-----")
}
