SLACK_USER_TOKEN=⟦slack-user⟧
TWILIO_ACCOUNT_SID=⟦twilio-sid⟧ ⟪neg identifier⟫
TWILIO_AUTH_TOKEN=⟦twilio-token⟧
TWILIO_API_KEY=⟦twilio-api-key⟧
TWILIO_API_SECRET=⟦password 32 alnum =messaging⟧
TELEGRAM_BOT_TOKEN=⟦telegram⟧
