admin:⟦bcrypt⟧ ⟪neg password-hash⟫
metrics:⟦bcrypt⟧ ⟪neg password-hash⟫
