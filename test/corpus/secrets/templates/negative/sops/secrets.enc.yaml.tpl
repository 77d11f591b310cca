db:
  password: ⟦sops-enc⟧ ⟪neg encrypted⟫
stripe:
  secret_key: ⟦sops-enc⟧ ⟪neg encrypted⟫
api_token: ⟦sops-enc⟧ ⟪neg encrypted⟫
sops:
  kms:
    - arn: arn:aws:kms:us-east-1:123456789012:key/⟦uuid⟧ ⟪neg identifier⟫
      created_at: "2024-06-01T10:00:00Z"
      enc: ⟦b64 180⟧ ⟪neg encrypted⟫
      aws_profile: ""
  lastmodified: "2024-06-01T10:00:05Z"
  mac: ⟦sops-enc⟧ ⟪neg encrypted⟫
  version: 3.8.1
