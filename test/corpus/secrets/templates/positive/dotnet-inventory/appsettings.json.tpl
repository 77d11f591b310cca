{
  "Logging": {
    "LogLevel": {
      "Default": "Information",
      "Microsoft.AspNetCore": "Warning"
    }
  },
  "AllowedHosts": "*",
  "ConnectionStrings": {
    "DefaultConnection": "Server=tcp:inventory-sql.database.windows.net,1433;Initial Catalog=inventory;User ID=inventory_app;Password=⟦password 22 alnum =connection-string⟧;Encrypt=True;",
    "Storage": "DefaultEndpointsProtocol=https;AccountName=inventoryassets;AccountKey=⟦azure-storage-key⟧;EndpointSuffix=core.windows.net",
    "Redis": "inventory.redis.cache.windows.net:6380,password=⟦b64secret 32 =connection-string⟧,ssl=True,abortConnect=False"
  },
  "AzureAd": {
    "Instance": "https://login.microsoftonline.com/",
    "TenantId": "⟦uuid⟧", ⟪neg uuid⟫
    "ClientId": "⟦uuid⟧", ⟪neg uuid⟫
    "ClientSecret": "⟦azure-client-secret⟧"
  },
  "SendGrid": {
    "ApiKey": "⟦sendgrid⟧"
  },
  "Jwt": {
    "Issuer": "https://inventory.example.com",
    "Key": "⟦token 64⟧"
  }
}
