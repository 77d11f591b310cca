⟦ssh-public rsa⟧ ⟪neg public-key⟫
