⟦private-key encrypted-pkcs8⟧
