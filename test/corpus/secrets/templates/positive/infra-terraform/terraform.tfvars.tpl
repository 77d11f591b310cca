environment         = "production"
region              = "eu-central-1"
datadog_api_key     = "⟦hex 32 =observability⟧"
datadog_app_key     = "⟦hex 40 =observability⟧"
github_token        = "⟦github ghp⟧"
alicloud_access_key = "⟦alibaba-key-id⟧"
alicloud_secret_key = "⟦alibaba-secret⟧"
db_master_password  = "⟦password 26⟧"
allowed_cidrs       = ["10.20.0.0/16", "10.30.0.0/16"]
