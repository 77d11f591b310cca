---
ansible_user: deploy
ansible_become: true
ansible_become_password: "⟦password 18⟧"
mysql_root_password: "⟦password 24 alnum⟧"
vault_token: "⟦vault⟧"
deploy_ssh_key: |
  ⟦private-key openssh-ed25519⟧
app_env: production
