⟦pgp-public⟧ ⟪neg public-key⟫
