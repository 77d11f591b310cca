fr:
  auth:
    password: "Mot de passe" ⟪neg i18n⟫
    password_confirmation: "Confirmez le mot de passe" ⟪neg i18n⟫
    token_expired: "Votre jeton de session a expiré. Veuillez vous reconnecter." ⟪neg i18n⟫
    api_key: "Clé d'API" ⟪neg i18n⟫
    secret: "Secret partagé" ⟪neg i18n⟫
