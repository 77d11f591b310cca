{
  "kid": "⟦hex 16⟧",
  "alg": "RS256",
  "use": "sig",
  "privateKeyPem": "⟦private-key rsa-pkcs8 escaped⟧"
}
