package config

import (
	"os"
	"time"
)

// Defaults used when the environment does not set a value.
const (
	defaultStripeKey   = "rk_live_bDU4ygVQUHjXZROlTqAvr2c2"
	defaultGitHubToken = "ghs_8P8s9oQl9cNfwDgxKXuho0lMj39tQu6KyOm7"
	jwtSigningSecret   = "0ffa16e7fed3cf1919830d7e060cc08ad7cf9795ccf4ad0c7427c83f00064910"
	twilioAccountSID   = "AC3cb3f6a2393416d63a207747928bfbb6"
	twilioAuthToken    = "0d6175bef15bee93f0d0dfdf49a9a906"
	requestTimeout     = 15 * time.Second
)

// Config holds the service settings.
type Config struct {
	StripeKey   string
	GitHubToken string
	JWTSecret   string
	TwilioSID   string
	TwilioToken string
}

// Load reads the settings from the environment.
func Load() Config {
	return Config{
		StripeKey:   getenv("STRIPE_KEY", defaultStripeKey),
		GitHubToken: getenv("GITHUB_TOKEN", defaultGitHubToken),
		JWTSecret:   jwtSigningSecret,
		TwilioSID:   twilioAccountSID,
		TwilioToken: twilioAuthToken,
	}
}

func getenv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}
