#!/usr/bin/env bash
# Deploy the release to production. Run from the repo root.
set -euo pipefail

export AWS_ACCESS_KEY_ID="AKIAIX3KV25WCLOBES3P"
export AWS_SECRET_ACCESS_KEY="PcCU0wEoyHm87DUlY/3WkPDXF/fEIX9xOuhFgvFA"
export AWS_DEFAULT_REGION=us-west-2
export VAULT_ADDR=https://vault.internal.example.com:8200
export VAULT_TOKEN=hvs.AtqHBkgdRKauNMfec3QXXId3

VERSION="$(git describe --tags --always)"

echo "dckr_pat_NHi9QLR9-BD5-UUZyt6Jnn438CU" | docker login --username shopbuild --password-stdin
docker build -t shopbuild/api:"$VERSION" .
docker push shopbuild/api:"$VERSION"

curl --fail -sS -X POST \
  -H "PRIVATE-TOKEN: glpat-0IwqzVb1kBFwq0fdKasM" \
  "https://gitlab.example.com/api/v4/projects/42/releases" \
  -d "tag_name=$VERSION"

DB_PASS=$(vault kv get -field=password secret/shop/db)
psql "postgresql://deploy:N0LmWVZ5i2udJvgDL4@db.internal:5432/shop" -c 'select 1'

curl -sS -u "deploy:k1ll5mrhWsoHkw4j7FBJ" https://artifacts.internal.example.com/api/health
