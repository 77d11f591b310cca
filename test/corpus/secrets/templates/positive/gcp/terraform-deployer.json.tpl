{
  "type": "service_account",
  "project_id": "terraform-admin-50917",
  "private_key_id": "⟦hex 40⟧", ⟪neg identifier⟫
  "private_key": "⟦gcp-sa-key⟧",
  "client_email": "tf-deployer@terraform-admin-50917.iam.gserviceaccount.com",
  "client_id": "⟦digits 21⟧",
  "auth_uri": "https://accounts.google.com/o/oauth2/auth",
  "token_uri": "https://oauth2.googleapis.com/token",
  "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
  "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/tf-deployer%40terraform-admin-50917.iam.gserviceaccount.com",
  "universe_domain": "googleapis.com"
}
