access-token: ⟦do-token⟧
context: default
auth-contexts:
  staging: ⟦do-token⟧
output: text
