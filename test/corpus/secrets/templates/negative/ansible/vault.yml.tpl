$ANSIBLE_VAULT;1.1;AES256
⟦hex 80⟧ ⟪neg encrypted⟫
⟦hex 80⟧ ⟪neg encrypted⟫
⟦hex 80⟧ ⟪neg encrypted⟫
⟦hex 80⟧
⟦hex 34⟧
