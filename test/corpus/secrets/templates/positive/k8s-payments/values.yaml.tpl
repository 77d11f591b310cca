# Helm values for the payments umbrella chart (production overrides)
replicaCount: 3

image:
  repository: ghcr.io/example/payments
  tag: "2.8.1"

externalDatabase:
  url: postgresql://payments_rw:⟦password 21 alnum =connection-string⟧@payments-db.internal:5432/payments?sslmode=require

redis:
  enabled: true
  auth:
    enabled: true
    password: "⟦password 24⟧"

mysql:
  auth:
    rootPassword: "⟦password 22 alnum⟧"
    database: ledger

external-dns:
  provider: aws
  aws:
    region: us-east-1
    credentials:
      accessKey: ⟦aws-key-id⟧
      secretKey: ⟦aws-secret⟧

datadog:
  apiKey: ⟦hex 32 =observability⟧
  site: datadoghq.com

ingress:
  enabled: true
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-prod
