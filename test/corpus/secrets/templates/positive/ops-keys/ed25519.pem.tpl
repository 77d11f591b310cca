⟦private-key ed25519-pkcs8⟧
