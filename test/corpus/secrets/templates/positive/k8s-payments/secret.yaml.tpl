apiVersion: v1
kind: Secret
metadata:
  name: payments-credentials
  namespace: payments
  labels:
    app.kubernetes.io/name: payments
type: Opaque
stringData:
  STRIPE_RESTRICTED_KEY: ⟦stripe rk⟧
  DATABASE_URL: mysql://payments:⟦password 24 alnum =connection-string⟧@mysql.payments.svc.cluster.local:3306/payments
  SQUARE_APPLICATION_SECRET: ⟦square-secret⟧
  webhook-signing-key: |
    ⟦private-key ec⟧
data:
  ledger-db-password: ⟦b64-password 24⟧
  signing-secret: ⟦b64secret 48⟧
---
apiVersion: v1
kind: Secret
metadata:
  name: payments-tls
  namespace: payments
type: kubernetes.io/tls
data:
  tls.crt: ⟦certificate payments.example.com b64⟧ ⟪neg certificate⟫
  tls.key: ⟦private-key ec-pkcs8 b64⟧
