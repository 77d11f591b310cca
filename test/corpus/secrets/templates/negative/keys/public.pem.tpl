⟦public-key rsa⟧ ⟪neg public-key⟫
