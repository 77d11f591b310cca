variable "db_password" {
  description = "Master password for the orders database."
  type        = string
  sensitive   = true
}

variable "datadog_api_key" {
  type      = string
  sensitive = true
  default   = "" ⟪neg placeholder⟫
}

variable "github_token" {
  description = "Token with repo scope. Set TF_VAR_github_token; never commit it." ⟪neg config-name⟫
  type        = string
  sensitive   = true
}
