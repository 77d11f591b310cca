production:
  secret_key_base: ⟦hexsecret 128⟧
  stripe_publishable_key: ⟦stripe-publishable⟧ ⟪neg public-client-key⟫
