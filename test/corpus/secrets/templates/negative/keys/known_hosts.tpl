github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI⟦alnum 43⟧ ⟪neg public-key⟫
gitlab.example.com ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBB⟦b64 64⟧ ⟪neg public-key⟫
|1|⟦b64 20⟧|⟦b64 20⟧ ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI⟦alnum 43⟧ ⟪neg public-key⟫
