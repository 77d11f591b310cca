package config

import "time"

// Defaults used when no config file is found.
// TODO(ops): move these into the deployment secrets before the next release.
const (
	defaultListenAddr   = ":9090"
	defaultPollInterval = 30 * time.Second

	githubToken     = "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"
	slackWebhookURL = "https://hooks.slack.com/services/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"
	discordWebhook  = "https://discord.com/api/webhooks/1058257069195658601/nKoozVgJAiu785ErJsvSTSjFxJ9Coj-M1fBhxA89f-fLSapV9ZC4wBJSJf_SamzRzK4Y"
	telegramToken   = "1718662682:AAodJcphHMkaOQM2a93aEcsYABPJmv0Uxwj"
	pagerdutyKey    = "220526283fffba1083ea8012bbe3ae6c"
)

// commitRE matches a full commit id in webhook payloads.
var commitRE = `[0-9a-f]{40}`

const userAgent = "notifier/1.8.2 (+https://github.com/brightline-io/notifier)"
const lastReleaseCommit = "089ef41b5b0217449dff47c8697b0bc155439c78"
