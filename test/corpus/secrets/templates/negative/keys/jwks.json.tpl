{
  "keys": [
    {
      "kty": "RSA",
      "kid": "⟦hex 16⟧",
      "use": "sig",
      "alg": "RS256",
      "n": "⟦alnum 342⟧", ⟪neg public-key⟫
      "e": "AQAB"
    }
  ]
}
