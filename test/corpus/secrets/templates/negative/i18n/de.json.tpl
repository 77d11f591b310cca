{
  "auth": {
    "password": "Passwort", ⟪neg i18n⟫
    "password_placeholder": "Passwort eingeben", ⟪neg i18n⟫
    "token_expired": "Ihr Sitzungstoken ist abgelaufen. Bitte melden Sie sich erneut an.", ⟪neg i18n⟫
    "api_key_created": "API-Schlüssel erstellt. Kopieren Sie ihn jetzt.", ⟪neg i18n⟫
    "secret_question": "Wie hieß Ihr erstes Haustier?" ⟪neg i18n⟫
  }
}
