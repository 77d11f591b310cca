nodeLinker: node-modules
npmRegistryServer: "https://registry.npmjs.org"
npmScopes:
  example:
    npmRegistryServer: "https://registry.npmjs.org"
    npmAuthToken: "⟦npm⟧"
yarnPath: .yarn/releases/yarn-4.3.1.cjs
