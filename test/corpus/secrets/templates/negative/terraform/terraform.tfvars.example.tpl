region          = "us-east-1"
db_password     = "<set in TF_VAR_db_password>" ⟪neg placeholder⟫
datadog_api_key = "0000000000000000000000000000000" ⟪neg placeholder⟫
github_token    = "ghp_your_token_here" ⟪neg placeholder⟫
azure_client_secret = "REPLACE_WITH_CLIENT_SECRET" ⟪neg placeholder⟫
