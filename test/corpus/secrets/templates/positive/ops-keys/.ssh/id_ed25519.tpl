⟦private-key openssh-ed25519⟧
