provider "github" {
  owner = "example-org"
  token = "⟦github-pat⟧"
}

provider "gitlab" {
  base_url = "https://gitlab.example.com/api/v4/"
  token    = "⟦gitlab⟧"
}

terraform {
  cloud {
    organization = "example-org"
    hostname     = "app.terraform.io"
    token        = "⟦tfc⟧"

    workspaces {
      name = "platform-prod"
    }
  }
}
