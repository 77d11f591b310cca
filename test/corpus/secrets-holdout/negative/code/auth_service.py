import hashlib
import hmac
import os
import secrets

SECRET_KEY = os.environ["SECRET_KEY"]
API_TOKEN = os.getenv("API_TOKEN", "")
PASSWORD_HASH_ITERATIONS = 600_000
TOKEN_URL = "https://oauth2.googleapis.com/token"
SECRET_NAME = "prod/payments/stripe"
API_KEY_HEADER = "X-Api-Key"


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


def hash_password(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PASSWORD_HASH_ITERATIONS)


def verify(sig: str, body: bytes, key: bytes) -> bool:
    expected = hmac.new(key, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, sig)


EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
CACHE_KEY = "user:{user_id}:session:{session_id}"
