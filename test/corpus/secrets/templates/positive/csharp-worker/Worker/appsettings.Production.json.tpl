{
  "Reports": {
    "ApiKey": "⟦token 40⟧",
    "SmtpPassword": "⟦password 20 alnum⟧",
    "Schedule": "0 6 * * *"
  }
}
