⟦private-key pgp⟧
