## Datadog agent configuration
api_key: ⟦hex 32 =observability⟧
site: datadoghq.com
hostname: web-03
logs_enabled: true
apm_config:
  enabled: true
process_config:
  process_collection:
    enabled: false
