npmScopes:
  example:
    npmAuthToken: "${NPM_AUTH_TOKEN}" ⟪neg env-reference⟫
    npmRegistryServer: "https://npm.pkg.github.com"
