defaults.url=https://sentry.io/
defaults.org=example-shop
defaults.project=shop-android
auth.token=⟦sentry-org⟧
