import hmac
import hashlib

from slack_sdk import WebClient
from twilio.rest import Client

slack = WebClient(token="xoxb-269053409753-7238863220274-hi2T2IJmGNBw4pIJFOzPLzfF")
sms = Client("AC13e574bc877e4d7bf9279f2fed73e616", "fa3fa709352c32dddd6d5171d346ca7a")
WEBHOOK_SECRET = "fd751666dc67293f4c939e2e6bcb23cd78f1d65d"


def verify(body: bytes, signature: str) -> bool:
    expected = hmac.new(WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)
