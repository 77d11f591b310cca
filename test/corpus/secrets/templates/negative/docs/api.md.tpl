# Orders API

All requests need a bearer token:

    Authorization: Bearer <token> ⟪neg placeholder⟫

Example:

```bash
TOKEN=$(curl -s -X POST https://api.example.com/oauth/token -d grant_type=client_credentials | jq -r .access_token) ⟪neg function-call⟫
curl -H "Authorization: Bearer $TOKEN" https://api.example.com/v1/orders ⟪neg env-reference⟫
curl -H "X-Api-Key: ${API_KEY}" https://api.example.com/v1/products ⟪neg env-reference⟫
```

Token response:

```json
{
  "access_token": "eyJhbGciOiJSUzI1NiIs...", ⟪neg not-jwt⟫
  "token_type": "Bearer", ⟪neg config-name⟫
  "expires_in": 3600
}
```

Error codes:

| code | meaning |
| --- | --- |
| `invalid_token` | The token is malformed, expired or revoked. | ⟪neg i18n⟫
| `insufficient_scope` | The token lacks the scope, e.g. `orders:write`. |

Webhook payloads are signed. Verify the `X-Signature` header against your signing
secret (shown once in the dashboard as `whsec_••••••••`). ⟪neg placeholder⟫

Your key is shown in the dashboard as `sk_live_••••••••••••4242` after creation. ⟪neg placeholder⟫
