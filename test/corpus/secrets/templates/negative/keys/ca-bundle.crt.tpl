# Internal CA bundle
⟦certificate example-root-ca⟧ ⟪neg certificate⟫
⟦certificate example-issuing-ca-2⟧ ⟪neg certificate⟫
