⟦hexsecret 32⟧
