global:
  resolve_timeout: 5m
  slack_api_url: '⟦slack-webhook⟧'

route:
  receiver: slack-default
  group_by: [alertname, service]

receivers:
  - name: slack-default
    slack_configs:
      - channel: '#alerts'
        send_resolved: true
  - name: discord-infra
    discord_configs:
      - webhook_url: '⟦discord-webhook⟧'
