# How our session tokens are built

A JWT has three base64url parts: `header.payload.signature`.

The header of our tokens is always `eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9`, which decodes ⟪neg not-jwt⟫
to `{"alg":"RS256","typ":"JWT"}`.

A decoded payload looks like `{"sub":"1042","role":"customer"}`; base64url-encoded ⟪neg not-jwt⟫
it starts with `eyJzdWIiOiIxMDQyIiwicm9sZSI6ImN1c3RvbWVyIn0`. ⟪neg not-jwt⟫

The front end stores preferences in a cookie that also starts with `eyJ` but is plain
base64 JSON, not a token: `prefs=⟦base64-json⟧`. ⟪neg not-jwt⟫

Tokens in logs are truncated to `eyJhbGciOi…` by the logger. ⟪neg not-jwt⟫

Regular expression used by the gateway to spot a token:

    ^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$ ⟪neg code-check⟫
