"""Django settings for the blog project, production."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = '@d^x2+v1lza6__km%_9h4z3&umldp+o6*2si%5=)24g%&%dx0^'

DEBUG = False
ALLOWED_HOSTS = ["blog.example.com"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "blog",
        "USER": "blog",
        "PASSWORD": "lbMDotl7RSANh0pflted",
        "HOST": "blog-db.internal",
        "PORT": "5432",
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
PASSWORD_RESET_TIMEOUT = 259200

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "smtp.mailgun.org"
EMAIL_HOST_USER = "postmaster@mg.example.com"
EMAIL_HOST_PASSWORD = "Yu0Y8ATDwYpQeGtiNkldnBMzJSbfE0mI"
MAILGUN_API_KEY = "key-870f9bf0a70cae4f3e358128356ffa8f"

AWS_ACCESS_KEY_ID = "AKIAJ45GH2KHRWVNTEXJ"
AWS_SECRET_ACCESS_KEY = "8hsKf5zGsoGPN7uFXfd33INrK1NRzWoxq+2uPKOQ"
AWS_STORAGE_BUCKET_NAME = "blog-media"

SENTRY_DSN = os.environ.get("SENTRY_DSN", "https://f01343b28c1b177cf280b5b8e9f0540e@o201420.ingest.us.sentry.io/4878255")
CSRF_COOKIE_SECURE = True
