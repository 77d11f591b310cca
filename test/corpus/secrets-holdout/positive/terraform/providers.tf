terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
    digitalocean = {
      source = "digitalocean/digitalocean"
    }
    cloudflare = {
      source = "cloudflare/cloudflare"
    }
  }
}

provider "aws" {
  region     = "us-east-1"
  access_key = "AKIAVF4K7AJSDS5E72QA"
  secret_key = "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"
}

provider "digitalocean" {
  token = "dop_v1_673eced6c27642ef7f5b2e81c6afed2af10b8656f02521810422230fbc2ec296"
}

provider "cloudflare" {
  api_token = "E4v4wj5PeOR_ZgiR-LnYeJNl29wsFLzAQUilcN5C"
}

provider "github" {
  owner = "fernhill"
  token = var.github_token
}

provider "hcloud" {
  token = "fFOHT7vMugQdq5gbZL9KAunbliMlg9wpDMWhqiwbDhwE0w3QbrPJuWdY3N3kbzeZ"
}
