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
  access_key = "AKIAPG2GJNG3RERDXKIO"
  secret_key = "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"
}

provider "azurerm" {
  features {}
  subscription_id = "c1285019-e7cc-4f6d-b272-775767141508"
  tenant_id       = "e917d054-52c3-4d13-9b4d-29515e82890a"
  client_id       = "7e415a74-c160-4ff9-9297-5553b41f41b6"
  client_secret   = "fOm9Q~DihZQL~--HWeY.s_.PGYUwypqtw5FUtq86"
}

provider "digitalocean" {
  token = "dop_v1_c24892e521aeb13d7b76edb6833920732656895311de34d6709393cd93cba65d"
}

resource "aws_db_instance" "orders" {
  identifier          = "orders-prod"
  engine              = "postgres"
  engine_version      = "16.2"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 50
  username            = "orders_admin"
  password            = "BLZtB6BXEn2NNrn.B*RvBgXY"
  skip_final_snapshot = false
}

resource "tls_self_signed_cert" "internal" {
  private_key_pem = <<-EOT
    -----BEGIN RSA PRIVATE KEY-----
    MIIEogIBAAKCAQEA2/yY+FGB1OvmUcGIx+y9C8clB2xrPXtOun1ZlpAh8Oyr7eEE
    tF9SR1grVIcXK3AQ35EQ6G1ylltzZptOM6OmNns848wnJeu1CZaUeh+h4QrFJYyY
    MR6gT0w3Pm3DfXxy0zNKpZs+MwpTW3HzCYQS3sB0xyjXYfplirce4KhpqjtdiSBS
    qkpUsjYFJwhynWjUkswYnwG4cI3W1Cy7KvFy/p2264Epw5kgM6MH25kLWu3wcrbf
    jcsjPtGJV/0nwfA02XvCj/hUiNIkVqM+zCI5gu1E6zw7l4cwlSuw8qyzHCU0pAYf
    4KD69LWzDVSNBFKy4BbAc7lYNcJGf7RZdeYw8QIDAQABAoIBAEMCZ6pEUbMFBIxk
    0oBruY4r5Dilquj4dZvS8QYu81fLD/gO8frrikmXLuO5nrIpmcowCyFxrVTlmHpp
    1mFeeRPhaEPPfSFM8kFwb9vfZNUDDdiJQha8SIK/KZjHoKPJ08RHvHZDmqe7fna9
    eBWu+HyHzUqZQzpiJqoha7NtOXqTuBH1enGCcdZwn4EqqQ8xUK29B1QKtrMbqQ7p
    vnaJLgtmiVo/BQf1Hg23p2qIeN01avFhr3gXg8Fcdo0b0OU4p5MUzlBT0LQedMR/
    dbjIcT/d/vkHeTIDLzXBm+6sgwlfRlRia1qh9Jk6tAjxAOq2ucKQiX7DHQvZL33U
    HIe7bb0CgYEA9w+DyKLuaPbYy4Wwa/8PzCczMaAs6xH99+YYUfVoMhifge5eK/bj
    ehr/bTI9HZ9kRFTKJNH0+pI+RJLH9ZNjjX2gMMvGfHDUKe2/6ZJ+94AMv2ENhrOF
    na0y+un9HHZPrQ7upf4Hji140DjeLw/6GDCHSmHFHQr7PP5NuN622IsCgYEA4/JN
    JHB6ADZ93Lmd9qrvlcaIt8pX3S7uGO/qgtPMXY1POv48GMFiYl0LaRUoIOdAD+0v
    v4UUV9QbpmppP1nwF23BNioxZRdmcRF3PSorktkYHVIwN4hTENX7bwZ8wknVLKQS
    sjtfvae2l7aOlHwNJLQsUfr3UvfqZo3iKp1Dj/MCgYBwbSf8ImC5dTM8kk6xJnWK
    4n/CYnBuXFak+5kvmqxat6fGWbGS8hucEjMP/t+e3kyjZ65BSSXg7LHXRLAnyXVx
    Cqzd560gLbvuhJljcd3DRQsH/+NG2+S+1vUvB1G+JPym9PeWo93OTlT+9BHveqbF
    YTf/mjQ3viqMG/FEYlz0dwKBgFyyHTLTVpmdj0NibF1yF+oFiXWMIHz+565Wajx3
    muT0YSLxXkkG41Zy1gAOrXnr8H5JiyBMIwCwbeoX3eL4VQ2CAY9gSyP8Bxm165KB
    AqU+CXNrB9adZoIzMoNs1PFBiyITOtMmGAININDDWWoCpGmnp1pTP56K2NSJoE6K
    E36HAoGAUa082n8XejsZvFKJDO6zpSzXOwT0OzyYyQnaXJQujW1Mpb2eW7jciPHo
    95XHZfswJzTJYHxqxz8k23aIgjF9FlwFa7s75Ns6YCDdiSd+SDEnV4EhQKKwtdx/
    g8m0NGwhskJII6t44Li2YR2GoApecMw0TSaAECQVEsU17aq6eIg=
    -----END RSA PRIVATE KEY-----
  EOT
  validity_period_hours = 8760
  allowed_uses          = ["key_encipherment", "digital_signature", "server_auth"]
  subject {
    common_name = "internal.example.com"
  }
}

resource "aws_iam_user_login_profile" "ci" {
  user                    = aws_iam_user.ci.name
  password_reset_required = true
}

output "orders_db_url" {
  value     = "postgresql://orders_admin:r2BsuDX8cg8sntSTc5BWcZHO@${aws_db_instance.orders.address}:5432/orders"
  sensitive = true
}
