registry=https://registry.npmjs.org/
//registry.npmjs.org/:_authToken=${NPM_TOKEN} ⟪neg env-reference⟫
@example:registry=https://npm.pkg.github.com/
//npm.pkg.github.com/:_authToken=${GITHUB_TOKEN} ⟪neg env-reference⟫
