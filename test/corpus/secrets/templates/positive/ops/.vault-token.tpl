⟦vault⟧
