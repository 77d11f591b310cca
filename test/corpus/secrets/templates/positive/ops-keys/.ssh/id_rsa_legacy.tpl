⟦private-key rsa-traditional⟧
