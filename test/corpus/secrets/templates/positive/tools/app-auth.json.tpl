{
  "token": "⟦github ghu⟧",
  "expires_in": 28800,
  "refresh_token": "⟦github ghr⟧",
  "refresh_token_expires_in": 15811200,
  "token_type": "bearer", ⟪neg config-name⟫
  "scope": ""
}
