common: &default_settings
  license_key: '⟦newrelic-license⟧'
  app_name: Orders Service
  distributed_tracing:
    enabled: true
  log_level: info

production:
  <<: *default_settings
