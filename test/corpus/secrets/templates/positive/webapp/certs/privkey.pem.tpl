⟦private-key rsa-pkcs8⟧
