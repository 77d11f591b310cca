auth.password=Contraseña ⟪neg i18n⟫
auth.password.forgot=¿Olvidaste tu contraseña? ⟪neg i18n⟫
auth.token.expired=Tu token de sesión ha caducado. ⟪neg i18n⟫
settings.apiKey=Clave de API ⟪neg i18n⟫
settings.secretKey.label=Clave secreta del cliente ⟪neg i18n⟫
