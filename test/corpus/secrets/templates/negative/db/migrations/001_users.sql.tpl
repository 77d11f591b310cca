CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash VARCHAR(100) NOT NULL, ⟪neg config-name⟫
    api_token_digest CHAR(64), ⟪neg config-name⟫
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Seed the admin account; the password is rotated on first login.
INSERT INTO users (email, password_hash) VALUES ('admin@example.com', '⟦bcrypt⟧'); ⟪neg password-hash⟫
INSERT INTO users (email, password_hash) VALUES ('ops@example.com', '⟦argon2⟧'); ⟪neg password-hash⟫
