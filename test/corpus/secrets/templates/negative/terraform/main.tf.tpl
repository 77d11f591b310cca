provider "aws" {
  region = var.region
}

provider "github" {
  token = var.github_token ⟪neg env-reference⟫
}

data "aws_secretsmanager_secret_version" "stripe" {
  secret_id = "prod/stripe/secret-key" ⟪neg secret-ref⟫
}

resource "random_password" "db" {
  length  = 32
  special = true
}

resource "aws_db_instance" "orders" {
  identifier     = "orders"
  engine         = "postgres"
  instance_class = "db.t4g.small"
  username       = "orders"
  password       = random_password.db.result ⟪neg env-reference⟫
  kms_key_id     = "arn:aws:kms:us-east-1:123456789012:key/⟦uuid⟧" ⟪neg identifier⟫
}

resource "aws_ssm_parameter" "db_password" {
  name  = "/orders/db/password"
  type  = "SecureString"
  value = var.db_password ⟪neg env-reference⟫
}

resource "datadog_monitor" "orders_5xx" {
  name    = "orders 5xx rate"
  type    = "metric alert"
  query   = "sum(last_5m):sum:aws.applicationelb.httpcode_target_5xx{service:orders}.as_count() > 50"
  message = "@slack-orders-oncall"
}

locals {
  stripe_secret_key = jsondecode(data.aws_secretsmanager_secret_version.stripe.secret_string)["key"] ⟪neg function-call⟫
}
