# Default values for shop. Override the credentials with --set or a sealed secret.
db:
  host: postgres
  user: shop
  password: "" ⟪neg placeholder⟫
stripe:
  secretKey: "sk_live_REPLACE_ME" ⟪neg placeholder⟫
apiToken: changeme ⟪neg placeholder⟫
redis:
  auth:
    existingSecret: redis-credentials ⟪neg secret-ref⟫
    existingSecretPasswordKey: redis-password ⟪neg secret-ref⟫
oauth:
  clientSecret: "<client-secret>" ⟪neg placeholder⟫
  clientSecretFile: /var/run/secrets/oauth/client-secret ⟪neg secret-ref⟫
