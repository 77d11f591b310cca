⟦private-key openssh-rsa⟧
