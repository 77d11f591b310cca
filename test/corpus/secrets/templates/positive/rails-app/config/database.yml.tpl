default: &default
  adapter: postgresql
  encoding: unicode
  pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>

development:
  <<: *default
  database: shop_development

production:
  <<: *default
  database: shop_production
  username: shop
  password: ⟦password 24 alnum⟧
  host: shop-db.internal

analytics:
  <<: *default
  url: postgres://analytics:⟦password 20 alnum =connection-string⟧@analytics-db.internal:5432/analytics
