{
  "auth": {
    "password": "Password", ⟪neg i18n⟫
    "password_placeholder": "Enter your password", ⟪neg i18n⟫
    "password_too_short": "Your password must be at least 12 characters long.", ⟪neg i18n⟫
    "token_expired": "Your session token has expired. Please sign in again.", ⟪neg i18n⟫
    "api_key_created": "API key created. Copy it now: you will not see it again.", ⟪neg i18n⟫
    "secret_question": "What was the name of your first pet?", ⟪neg i18n⟫
    "reset_token_invalid": "This password reset link is invalid or has expired." ⟪neg i18n⟫
  },
  "settings": {
    "access_tokens": "Personal access tokens", ⟪neg i18n⟫
    "private_key_upload": "Upload your private key (PEM)", ⟪neg i18n⟫
    "client_secret_hint": "The client secret is shown once after you create the app." ⟪neg i18n⟫
  }
}
