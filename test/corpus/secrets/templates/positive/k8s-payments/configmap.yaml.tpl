apiVersion: v1
kind: ConfigMap
metadata:
  name: payments-config
  namespace: payments
data:
  LOG_LEVEL: info
  SQUARE_ENVIRONMENT: production
  SQUARE_ACCESS_TOKEN: ⟦square-token⟧
  ALERTS_SLACK_WEBHOOK: ⟦slack-webhook⟧
  DD_API_KEY: ⟦hex 32 =observability⟧
  DD_SITE: datadoghq.eu
  FEATURE_FLAGS: "refunds,partial-capture"
  CACHE_KEY_PREFIX: "payments:v2:" ⟪neg config-name⟫
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments
  namespace: payments
spec:
  replicas: 3
  selector:
    matchLabels:
      app: payments
  template:
    metadata:
      labels:
        app: payments
    spec:
      containers:
        - name: payments
          image: ghcr.io/example/payments@⟦digest⟧ ⟪neg digest⟫
          envFrom:
            - configMapRef:
                name: payments-config
          env:
            - name: STRIPE_RESTRICTED_KEY
              valueFrom:
                secretKeyRef:
                  name: payments-credentials
                  key: STRIPE_RESTRICTED_KEY ⟪neg secret-ref⟫
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: payments-credentials
                  key: ledger-db-password ⟪neg secret-ref⟫
