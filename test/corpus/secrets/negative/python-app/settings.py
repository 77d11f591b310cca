import os
from getpass import getpass

import environ

from .secrets import get_password, load_secret

env = environ.Env()

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = env.bool("DEBUG", default=False)

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.getenv("DB_NAME", "app"),
        "USER": os.getenv("DB_USER", "app"),
        "PASSWORD": os.getenv("DB_PASSWORD"),
        "HOST": os.getenv("DB_HOST", "localhost"),
    }
}

EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
AWS_SECRET_ACCESS_KEY = env.str("AWS_SECRET_ACCESS_KEY", default=None)
STRIPE_API_KEY = load_secret("stripe/api-key")
REDIS_PASSWORD = get_password("redis")
LDAP_BIND_PASSWORD = getpass("LDAP bind password: ") if DEBUG else None
API_TOKEN = os.environ.get("API_TOKEN", "")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
SESSION_COOKIE_NAME = "sessionid"
CSRF_TRUSTED_ORIGINS = ["https://app.example.com"]
SECRET_KEY_FALLBACKS = [os.environ.get("OLD_SECRET_KEY", "")]
