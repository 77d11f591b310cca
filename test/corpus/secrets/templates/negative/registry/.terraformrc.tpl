credentials_helper "vault" {
  args = ["--address=https://vault.internal.example.com"]
}
credentials "app.terraform.io" {
  # token comes from TF_TOKEN_app_terraform_io
  token = "${TF_TOKEN}" ⟪neg env-reference⟫
}
