⟦b64 180⟧--⟦b64 12⟧--⟦b64 16⟧ ⟪neg encrypted⟫
