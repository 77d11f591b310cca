apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: orders-db
  namespace: orders
spec:
  encryptedData:
    password: ⟦sealed-data 340⟧ ⟪neg encrypted⟫
    api-token: ⟦sealed-data 340⟧ ⟪neg encrypted⟫
  template:
    metadata:
      name: orders-db
