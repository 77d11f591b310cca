# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.54.1"
  constraints = "~> 5.40"
  hashes = [
    "h1:CzZgwNRrFykY5XTsuF0uWOG+MLvEDGDmkstm6YbUesI=",
    "zh:3b20a078150a0d7451f28d5e133550e08cdf494f7df48d7b13f39ed6185f5686",
    "zh:9e8d4536b1b4d382eda480754023640b29c8eada7369884f235a49d7089b9ae1",
    "zh:dc1735aa328778b7a7cd7969e94050955f179d96dc3fe159cbbf1eb8c96b8ff9",
  ]
}

provider "registry.terraform.io/hashicorp/random" {
  version = "3.6.2"
  hashes = [
    "h1:Qvwt+rneaqnvDyL9hHAISEum0Wk4NfiWVM5DnNxi76Q=",
    "zh:0719cd6cf32f0d82ff21c74113ea39739e25a57ce780f9fcafcf8dc978519988",
  ]
}
