⟦certificate shop.example.com⟧ ⟪neg certificate⟫
⟦private-key rsa-pkcs8⟧
