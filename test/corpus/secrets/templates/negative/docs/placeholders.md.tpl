# Tokens for the integrations

Each integration needs a token in the settings page. The formats are:

| service | looks like |
| --- | --- |
| GitHub | `ghp_` followed by 36 characters, e.g. `ghp_************************************` | ⟪neg placeholder⟫
| GitLab | `glpat-xxxxxxxxxxxxxxxxxxxx` | ⟪neg placeholder⟫
| npm | `npm_<36 characters>` | ⟪neg placeholder⟫
| Slack | `xoxb-<team>-<bot>-<secret>` | ⟪neg placeholder⟫
| Slack webhook | `https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX` | ⟪neg placeholder⟫
| Stripe | `sk_live_...` (never `sk_test_` in production) | ⟪neg placeholder⟫
| OpenAI | `sk-proj-...` | ⟪neg placeholder⟫
| Anthropic | `sk-ant-api03-...` | ⟪neg placeholder⟫
| Hugging Face | `hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx` | ⟪neg placeholder⟫
| Datadog | 32 hex characters, e.g. `DD_API_KEY=<DATADOG_API_KEY>` | ⟪neg placeholder⟫
| Telegram | `123456789:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx` | ⟪neg placeholder⟫
| Twilio | `TWILIO_AUTH_TOKEN=your_auth_token` | ⟪neg placeholder⟫
| Vault | `hvs.XXXXXXXXXXXXXXXXXXXXXXXX` | ⟪neg placeholder⟫
| Docker Hub | `dckr_pat_XXXXXXXXXXXXXXXXXXXXXXXXXXX` | ⟪neg placeholder⟫
| Grafana | `glsa_<token>` | ⟪neg placeholder⟫
| PyPI | `pypi-AgEIcHlwaS5vcmc...` | ⟪neg placeholder⟫
| Sentry | `https://examplePublicKey@o0.ingest.sentry.io/0` | ⟪neg placeholder⟫
