⟦private-key openssh-ecdsa⟧
