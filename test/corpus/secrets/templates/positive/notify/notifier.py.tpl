import hmac
import hashlib

from slack_sdk import WebClient
from twilio.rest import Client

slack = WebClient(token="⟦slack-bot⟧")
sms = Client("⟦twilio-sid⟧", "⟦twilio-token⟧")
WEBHOOK_SECRET = "⟦hexsecret 40⟧"


def verify(body: bytes, signature: str) -> bool:
    expected = hmac.new(WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)
