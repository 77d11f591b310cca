---
db_password: "{{ vault_db_password }}" ⟪neg env-reference⟫
api_token: "{{ lookup('env', 'API_TOKEN') }}" ⟪neg env-reference⟫
stripe_secret_key: "{{ lookup('community.hashi_vault.hashi_vault', 'secret=kv/data/stripe:key') }}" ⟪neg function-call⟫
become_password: !vault | ⟪neg encrypted⟫
  $ANSIBLE_VAULT;1.1;AES256
  ⟦hex 64⟧ ⟪neg encrypted⟫
  ⟦hex 64⟧
