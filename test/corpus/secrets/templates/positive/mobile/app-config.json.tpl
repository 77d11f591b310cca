{
  "apiBaseUrl": "https://api.shop.example.com",
  "serviceToken": "⟦jwt HS256 api⟧",
  "featureFlags": { "newCheckout": true }
}
