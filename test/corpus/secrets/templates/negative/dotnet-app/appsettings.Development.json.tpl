{
  "ConnectionStrings": {
    "DefaultConnection": "Server=(localdb)\\mssqllocaldb;Database=Inventory;Trusted_Connection=True;MultipleActiveResultSets=true", ⟪neg conn-no-password⟫
    "Storage": "UseDevelopmentStorage=true", ⟪neg conn-no-password⟫
    "Redis": "localhost:6379" ⟪neg conn-no-password⟫
  },
  "AzureAd": {
    "TenantId": "⟦uuid⟧", ⟪neg uuid⟫
    "ClientId": "⟦uuid⟧", ⟪neg uuid⟫
    "ClientSecret": "" ⟪neg placeholder⟫
  },
  "KeyVault": {
    "Uri": "https://inventory-kv.vault.azure.net/",
    "SecretName": "SendGridApiKey" ⟪neg secret-ref⟫
  },
  "Jwt": {
    "Key": "[set with dotnet user-secrets]" ⟪neg placeholder⟫
  }
}
