{
  "prefix": "!",
  "token": "⟦discord-bot⟧",
  "ownerId": "⟦digits 18⟧",
  "logChannel": "ops-log"
}
