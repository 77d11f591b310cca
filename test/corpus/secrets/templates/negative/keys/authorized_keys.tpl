# Deploy users for build-01
⟦ssh-public ed25519⟧ ⟪neg public-key⟫
⟦ssh-public rsa⟧ ⟪neg public-key⟫
command="/usr/local/bin/backup-only",no-pty ⟦ssh-public ecdsa⟧ ⟪neg public-key⟫
