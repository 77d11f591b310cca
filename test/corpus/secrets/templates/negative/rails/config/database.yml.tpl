production:
  adapter: postgresql
  url: <%= ENV["DATABASE_URL"] %> ⟪neg env-reference⟫
  password: <%= ENV.fetch("SHOP_DATABASE_PASSWORD") %> ⟪neg env-reference⟫
  pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>
