NEW_RELIC_API_KEY=⟦newrelic-user⟧
NEW_RELIC_ACCOUNT_ID=⟦digits 7⟧ ⟪neg identifier⟫
DD_APP_KEY=⟦hex 40 =observability⟧
SENTRY_AUTH_TOKEN=⟦sentry-user⟧
GRAFANA_SA_TOKEN=⟦grafana-sa⟧
