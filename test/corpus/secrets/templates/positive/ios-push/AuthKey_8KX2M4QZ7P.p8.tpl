⟦private-key ec-pkcs8⟧
