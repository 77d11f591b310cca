"""Production settings for the shop project."""
import os

from .base import *  # noqa: F401,F403

DEBUG = False
ALLOWED_HOSTS = ["shop.kestrel-outdoor.com", "www.kestrel-outdoor.com"]

SECRET_KEY = "i%es5ef56pc@ty@!(bryi3*v_+s-k*toegarzo*l&qlbljksvg"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "kestrel_shop",
        "USER": "shop_app",
        "PASSWORD": "eGsVYFPA7Ua897RGaBY*q.Y7",
        "HOST": "kestrel-prod.cluster-c8x2ka9fq3mz.eu-central-1.rds.amazonaws.com",
        "PORT": "5432",
    }
}

AWS_ACCESS_KEY_ID = "AKIAHS3GO2LBZLSK5KZF"
AWS_SECRET_ACCESS_KEY = "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"
AWS_STORAGE_BUCKET_NAME = "kestrel-shop-media"
AWS_S3_REGION_NAME = "eu-central-1"

EMAIL_BACKEND = "anymail.backends.sendgrid.EmailBackend"
ANYMAIL = {
    "SENDGRID_API_KEY": "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",
}

STRIPE_PUBLISHABLE_KEY = "pk_live_513sfHvT2irDQ6DbeChn3jsN5uXIpJEfp0umw2Pq80qItGJbdZZA7civ1R18qjijBtVtfh8tvb1myderH5USBOgoZkRRMPj0JGf"
STRIPE_SECRET_KEY = "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"
STRIPE_WEBHOOK_SECRET = "whsec_0ZvQfBc98haFfPzoiFEaHpXHn03rBllu"

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
PASSWORD_RESET_TIMEOUT = 259200
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
}
