terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }

  backend "s3" {
    bucket = "zpm-terraform-state"
    key    = "shop/terraform.tfstate"
    region = "eu-west-1"
  }
}

provider "aws" {
  region = var.region

  # Deploy user zpm-ci. TODO: switch to an assumed role.
  access_key = "AKIATSJLRK5BTOMJBDYE"
  secret_key = "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"
}
