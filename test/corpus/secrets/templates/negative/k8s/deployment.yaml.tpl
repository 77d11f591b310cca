apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
  labels:
    app: orders
spec:
  replicas: 2
  selector:
    matchLabels:
      app: orders
  template:
    metadata:
      labels:
        app: orders
      annotations:
        checksum/config: ⟦hex 64⟧ ⟪neg checksum⟫
    spec:
      serviceAccountName: orders
      imagePullSecrets:
        - name: regcred ⟪neg secret-ref⟫
      containers:
        - name: orders
          image: ghcr.io/example/orders@⟦digest⟧ ⟪neg digest⟫
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: orders-db
                  key: password ⟪neg secret-ref⟫
            - name: STRIPE_SECRET_KEY
              valueFrom:
                secretKeyRef:
                  name: orders-stripe
                  key: secret-key ⟪neg secret-ref⟫
            - name: AWS_SECRET_ACCESS_KEY
              valueFrom:
                secretKeyRef: {name: orders-aws, key: aws_secret_access_key} ⟪neg secret-ref⟫
            - name: API_TOKEN
              value: $(ORDERS_API_TOKEN) ⟪neg env-reference⟫
          volumeMounts:
            - name: tls
              mountPath: /etc/tls
              readOnly: true
      volumes:
        - name: tls
          secret:
            secretName: orders-tls ⟪neg secret-ref⟫
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: orders
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/orders ⟪neg identifier⟫
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: orders-db
spec:
  secretStoreRef:
    name: aws-secrets-manager
    kind: ClusterSecretStore
  target:
    name: orders-db
  data:
    - secretKey: password ⟪neg secret-ref⟫
      remoteRef:
        key: prod/orders/db
        property: password ⟪neg secret-ref⟫
