registry=https://registry.npmjs.org/
@example:registry=https://npm.pkg.github.com/
//registry.npmjs.org/:_authToken=⟦npm⟧
//npm.pkg.github.com/:_authToken=⟦github ghp⟧
always-auth=true
