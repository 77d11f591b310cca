#!/usr/bin/env bash
set -euo pipefail
GRAFANA_URL=https://grafana.internal.example.com
GRAFANA_TOKEN=glsa_TPW1bfNxXRGySbD7fIYWyjTxaSj6m4UE_1d67702c

for f in dashboards/*.json; do
  curl -fsS -X POST "$GRAFANA_URL/api/dashboards/db" \
    -H "Authorization: Bearer $GRAFANA_TOKEN" \
    -H 'Content-Type: application/json' \
    --data-binary "@$f"
done
