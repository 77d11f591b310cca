"""Settings for the order e-mail worker, read from the environment."""

import os

DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://zpm_app@localhost:5432/zpm")
SENDGRID_API_KEY = os.environ["SENDGRID_API_KEY"]
FROM_ADDRESS = os.environ.get("FROM_ADDRESS", "orders@zpm-shop.example")

POLL_SECONDS = float(os.environ.get("POLL_SECONDS", "5"))
BATCH_SIZE = int(os.environ.get("BATCH_SIZE", "20"))
MAX_ATTEMPTS = 5

# Failed e-mails are reported in #shop-alerts.
SLACK_WEBHOOK_URL = "https://hooks.slack.com/services/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"
