#!/usr/bin/env bash
set -euo pipefail
npm config set //registry.npmjs.org/:_authToken ⟦npm⟧
npm publish --access public
python -m twine upload -u __token__ -p ⟦pypi⟧ dist/*
export TF_TOKEN_app_terraform_io=⟦tfc⟧
export VAULT_TOKEN=⟦vault long⟧
terraform -chdir=infra apply -auto-approve
