"""Django settings for the blog project, production."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = '⟦django-key⟧'

DEBUG = False
ALLOWED_HOSTS = ["blog.example.com"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "blog",
        "USER": "blog",
        "PASSWORD": "⟦password 20 alnum⟧",
        "HOST": "blog-db.internal",
        "PORT": "5432",
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}, ⟪neg config-name⟫
]
PASSWORD_RESET_TIMEOUT = 259200 ⟪neg config-name⟫

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "smtp.mailgun.org"
EMAIL_HOST_USER = "postmaster@mg.example.com"
EMAIL_HOST_PASSWORD = "⟦password 32 alnum⟧"
MAILGUN_API_KEY = "⟦mailgun legacy⟧"

AWS_ACCESS_KEY_ID = "⟦aws-key-id⟧"
AWS_SECRET_ACCESS_KEY = "⟦aws-secret⟧"
AWS_STORAGE_BUCKET_NAME = "blog-media"

SENTRY_DSN = os.environ.get("SENTRY_DSN", "⟦sentry-dsn⟧")
CSRF_COOKIE_SECURE = True
