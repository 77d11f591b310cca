provider "github" {
  owner = "example-org"
  token = "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"
}

provider "gitlab" {
  base_url = "https://gitlab.example.com/api/v4/"
  token    = "glpat-xTKQ2Vo3m2b6_-ZnCm7g"
}

terraform {
  cloud {
    organization = "example-org"
    hostname     = "app.terraform.io"
    token        = "rYKTGnApaPkI4r.atlasv1.L7TVslDxyQFQqJ4Z5zyIIFuVTfLIkq0cfryDbZfrPyhgwG4ucHdWeWjJbCmrc9sepuE"

    workspaces {
      name = "platform-prod"
    }
  }
}
