⟦private-key encrypted-legacy⟧
