apiVersion: v1
kind: Config
clusters:
  - name: prod-eu
    cluster:
      server: https://k8s-prod-eu.internal.example.com:6443
      certificate-authority-data: ⟦certificate k8s-ca b64⟧ ⟪neg certificate⟫
contexts:
  - name: prod-eu-admin
    context:
      cluster: prod-eu
      user: prod-eu-admin
  - name: prod-eu-ci
    context:
      cluster: prod-eu
      user: ci-deployer
current-context: prod-eu-admin
users:
  - name: prod-eu-admin
    user:
      client-certificate-data: ⟦certificate admin b64⟧ ⟪neg certificate⟫
      client-key-data: ⟦private-key ec b64⟧
  - name: ci-deployer
    user:
      token: ⟦jwt RS256 api⟧
