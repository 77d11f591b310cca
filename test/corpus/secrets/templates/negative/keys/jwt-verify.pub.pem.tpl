⟦public-key ec⟧ ⟪neg public-key⟫
