# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.47.0"
  constraints = "~> 5.40"
  hashes = [
    "h1:q84VOk9ebjaTc6hnHU66hJZeIEzzuWrsy4oT3Y2XtDw=",
    "h1:41EnwFcvLtH06G5C42kFfUXh8neN+BfgaZQE0cyeQDA=",
    "zh:c8a18f8bde4f079d574329170f0a3fea6b73087a95db9397920664d3302a508f",
    "zh:ef3b9c3426047ab10950c7740b5d874269a36b81c3ea4b55004e8e61317b68a7",
    "zh:785621c9063f6be15352380e0bed26c7229c72cde18ed0e6ae3843c582fc1ae4",
  ]
}

provider "registry.terraform.io/hashicorp/random" {
  version = "3.6.1"
  hashes = [
    "h1:uuMltLJWnSQbUCS0yjy2r2mjVifQzNN0E8g1pMDM68Y=",
    "zh:f7ce749a247a759e1cde10ef30724247aee45a7ce1790ec06581a8c85f3637d4",
    "zh:a2ecad42a9c2a325fa3739287f9f8b1e4347f903049310e7b1d4c7c046e9973f",
  ]
}
