CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash VARCHAR(100) NOT NULL,
    api_token_digest CHAR(64),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Seed the admin account; the password is rotated on first login.
INSERT INTO users (email, password_hash) VALUES ('admin@example.com', '$2b$12$24rNVHAJqxp1AuJ91FGcZV89rkwoGy8EZAAbHb3lSjaToX7m6JImU');
INSERT INTO users (email, password_hash) VALUES ('ops@example.com', '$argon2id$v=19$m=65536,t=3,p=4$t6x7pktDtsXNMpVMvsv1Sg$UYmlZYN/lak0XQtJIu8ZsNbWPqZMz6Qa+hSXHqJzR/I');
