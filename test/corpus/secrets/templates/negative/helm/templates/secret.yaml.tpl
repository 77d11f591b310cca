apiVersion: v1
kind: Secret
metadata:
  name: {{ include "shop.fullname" . }}-credentials
type: Opaque
stringData:
  DATABASE_URL: "postgres://{{ .Values.db.user }}:{{ .Values.db.password }}@{{ .Values.db.host }}:5432/shop" ⟪neg env-reference⟫
  DB_PASSWORD: {{ .Values.db.password | quote }} ⟪neg env-reference⟫
  STRIPE_SECRET_KEY: {{ required "stripe.secretKey is required" .Values.stripe.secretKey | quote }} ⟪neg env-reference⟫
data:
  api-token: {{ .Values.apiToken | b64enc | quote }} ⟪neg env-reference⟫
  jwt-secret: {{ randAlphaNum 48 | b64enc | quote }} ⟪neg function-call⟫
  redis-password: {{ (lookup "v1" "Secret" .Release.Namespace "redis").data.password }} ⟪neg env-reference⟫
