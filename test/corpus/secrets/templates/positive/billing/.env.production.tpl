STRIPE_SECRET_KEY=⟦stripe rk long⟧
SQUARE_ACCESS_TOKEN=⟦square-token⟧
SQUARE_LOCATION_ID=⟦alnum 13⟧ ⟪neg identifier⟫
