[default]
aws_access_key_id = ⟦aws-key-id⟧
aws_secret_access_key = ⟦aws-secret⟧

[prod-admin]
aws_access_key_id = ⟦aws-key-id⟧
aws_secret_access_key = ⟦aws-secret⟧

[sso-session]
aws_access_key_id = ⟦aws-key-id ASIA⟧
aws_secret_access_key = ⟦aws-secret⟧
aws_session_token = ⟦aws-session-token⟧
