⟦private-key ec⟧
