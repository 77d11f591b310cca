package config

import (
	"os"
	"time"
)

// Defaults used when the environment does not set a value.
const (
	defaultStripeKey   = "⟦stripe rk⟧"
	defaultGitHubToken = "⟦github ghs⟧"
	jwtSigningSecret   = "⟦hexsecret 64⟧"
	twilioAccountSID   = "⟦twilio-sid⟧" ⟪neg identifier⟫
	twilioAuthToken    = "⟦twilio-token⟧"
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
		StripeKey:   getenv("STRIPE_KEY", defaultStripeKey), ⟪neg env-reference⟫
		GitHubToken: getenv("GITHUB_TOKEN", defaultGitHubToken), ⟪neg env-reference⟫
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
