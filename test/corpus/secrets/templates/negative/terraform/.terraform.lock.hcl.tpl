# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.54.1"
  constraints = "~> 5.40"
  hashes = [
    "h1:⟦b64 32⟧", ⟪neg lockfile-hash⟫
    "zh:⟦hex 64⟧", ⟪neg lockfile-hash⟫
    "zh:⟦hex 64⟧", ⟪neg lockfile-hash⟫
    "zh:⟦hex 64⟧", ⟪neg lockfile-hash⟫
  ]
}

provider "registry.terraform.io/hashicorp/random" {
  version = "3.6.2"
  hashes = [
    "h1:⟦b64 32⟧", ⟪neg lockfile-hash⟫
    "zh:⟦hex 64⟧", ⟪neg lockfile-hash⟫
  ]
}
