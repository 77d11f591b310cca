INSERT INTO users (id, email, password_hash) VALUES
  (1, 'admin@example.com', '$2b$12$o11IhNRCcli7XlZV3srx5fVfdSOdV9oe.4Q9zVvVtjdVXg76R6oe3'),
  (2, 'ops@example.com', '$argon2id$v=19$m=65536,t=3,p=4$ocZIYKWZe3HU0hsQ5yT44Q$Enikfu3jeiInGJGcUqigjR+/zWp0HrZ81KUZOujYLp8'),
  (3, 'legacy@example.com', 'pbkdf2_sha256$600000$CzRs1rd46lZIya2ztBWRui$MEIr3We6oAWKnBTRlAle5hZmj/gn9jwd2GowL3U4he4=');
INSERT INTO api_keys (user_id, key_prefix, key_sha256) VALUES
  (1, 'lk_live_7Qm', 'c4aa6aa63a9fd837abc7ffb7812e545358bb01eab607bc274107c4fa99a8a346');
