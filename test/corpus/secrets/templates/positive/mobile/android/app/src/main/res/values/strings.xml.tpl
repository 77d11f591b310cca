<?xml version="1.0" encoding="utf-8"?>
<resources>
    <string name="app_name">Shop</string>
    <string name="google_maps_key" translatable="false">⟦gcp-api-key⟧</string>
    <string name="login_password_hint">Password</string> ⟪neg i18n⟫
    <string name="error_token_expired">Your session token has expired. Please sign in again.</string> ⟪neg i18n⟫
</resources>
