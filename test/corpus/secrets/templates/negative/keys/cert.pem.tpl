⟦certificate api.example.com⟧ ⟪neg certificate⟫
