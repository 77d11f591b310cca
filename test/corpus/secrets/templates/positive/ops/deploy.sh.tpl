#!/usr/bin/env bash
# Deploy the release to production. Run from the repo root.
set -euo pipefail

export AWS_ACCESS_KEY_ID="⟦aws-key-id⟧"
export AWS_SECRET_ACCESS_KEY="⟦aws-secret⟧"
export AWS_DEFAULT_REGION=us-west-2
export VAULT_ADDR=https://vault.internal.example.com:8200
export VAULT_TOKEN=⟦vault⟧

VERSION="$(git describe --tags --always)"

echo "⟦dockerhub⟧" | docker login --username shopbuild --password-stdin
docker build -t shopbuild/api:"$VERSION" .
docker push shopbuild/api:"$VERSION"

curl --fail -sS -X POST \
  -H "PRIVATE-TOKEN: ⟦gitlab⟧" \
  "https://gitlab.example.com/api/v4/projects/42/releases" \
  -d "tag_name=$VERSION"

DB_PASS=$(vault kv get -field=password secret/shop/db) ⟪neg function-call⟫
psql "postgresql://deploy:⟦password 18 alnum =connection-string⟧@db.internal:5432/shop" -c 'select 1'

curl -sS -u "deploy:⟦password 20 alnum⟧" https://artifacts.internal.example.com/api/health
