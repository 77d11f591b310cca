NEXTAUTH_URL=https://app.example.com
NEXTAUTH_SECRET=⟦b64secret 32⟧
AUTH0_CLIENT_ID=⟦alnum 32⟧ ⟪neg identifier⟫
AUTH0_CLIENT_SECRET=⟦token 64 =saas⟧
AUTH0_ISSUER=https://example.eu.auth0.com
