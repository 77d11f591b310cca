# Calling the model gateway

Quick test from a laptop (this is the staging key, rotate it after the demo):

```bash
curl https://api.anthropic.com/v1/messages \
  -H "x-api-key: ⟦anthropic⟧" \
  -H "anthropic-version: 2023-06-01" \
  -H "content-type: application/json" \
  -d '{"model": "claude-3-5-sonnet-latest", "max_tokens": 256, "messages": [{"role": "user", "content": "ping"}]}'
```

For the fast path we use Groq:

```python
from groq import Groq

client = Groq(api_key="⟦groq⟧")
```

The internal gateway expects a bearer token:

```http
GET /v1/usage HTTP/1.1
Host: gateway.internal.example.com
Authorization: Bearer ⟦jwt RS256 api⟧
```

Admin endpoints take the admin token instead:

```bash
curl -H "Authorization: Bearer ⟦jwt HS256 admin⟧" https://gateway.internal.example.com/admin/keys
```

Charge a test order against live Stripe only with approval:

```bash
curl https://api.stripe.com/v1/charges -u ⟦stripe sk⟧: -d amount=100 -d currency=eur
```

In your own setup, replace `<your-api-key>` with the key from the dashboard. ⟪neg placeholder⟫
