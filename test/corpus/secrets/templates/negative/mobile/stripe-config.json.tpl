{
  "publishableKey": "⟦stripe-publishable⟧", ⟪neg public-client-key⟫
  "merchantIdentifier": "merchant.com.example.shop", ⟪neg identifier⟫
  "urlScheme": "exampleshop"
}
