terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.100"
    }
    digitalocean = {
      source  = "digitalocean/digitalocean"
      version = "~> 2.36"
    }
  }
}

provider "aws" {
  region     = "us-east-1"
  access_key = "⟦aws-key-id⟧"
  secret_key = "⟦aws-secret⟧"
}

provider "azurerm" {
  features {}
  subscription_id = "⟦uuid⟧" ⟪neg uuid⟫
  tenant_id       = "⟦uuid⟧" ⟪neg uuid⟫
  client_id       = "⟦uuid⟧" ⟪neg uuid⟫
  client_secret   = "⟦azure-client-secret⟧"
}

provider "digitalocean" {
  token = "⟦do-token⟧"
}

resource "aws_db_instance" "orders" {
  identifier          = "orders-prod"
  engine              = "postgres"
  engine_version      = "16.2"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 50
  username            = "orders_admin"
  password            = "⟦password 24⟧"
  skip_final_snapshot = false
}

resource "tls_self_signed_cert" "internal" {
  private_key_pem = <<-EOT
    ⟦private-key rsa-traditional⟧
  EOT
  validity_period_hours = 8760
  allowed_uses          = ["key_encipherment", "digital_signature", "server_auth"]
  subject {
    common_name = "internal.example.com"
  }
}

resource "aws_iam_user_login_profile" "ci" {
  user                    = aws_iam_user.ci.name
  password_reset_required = true ⟪neg config-name⟫
}

output "orders_db_url" {
  value     = "postgresql://orders_admin:⟦password 24 alnum =connection-string⟧@${aws_db_instance.orders.address}:5432/orders"
  sensitive = true
}
