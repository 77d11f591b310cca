variable "db_password" {
  type      = string
  sensitive = true
}

resource "random_password" "api" {
  length           = 40
  override_special = "!#%*()-_=+"
}

resource "aws_db_instance" "main" {
  identifier = "main"
  username   = "app"
  password   = var.db_password
}

resource "aws_secretsmanager_secret_version" "api" {
  secret_id     = aws_secretsmanager_secret.api.id
  secret_string = random_password.api.result
}

data "aws_ssm_parameter" "token" {
  name = "/prod/api/token"
}

locals {
  github_token = data.aws_ssm_parameter.token.value
  datadog_key  = jsondecode(data.aws_secretsmanager_secret_version.dd.secret_string)["api_key"]
}

resource "aws_iam_access_key" "ci" {
  user    = aws_iam_user.ci.name
  pgp_key = "keybase:ledgerly_ops"
}

output "ci_secret" {
  value     = aws_iam_access_key.ci.encrypted_secret
  sensitive = true
}
