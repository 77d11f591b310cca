@host = https://api.shop.example.com
@token = ⟦jwt HS256 user⟧
@apiKey = ⟦token 40⟧

### List orders
GET {{host}}/api/v2/orders
Authorization: Bearer {{token}} ⟪neg env-reference⟫

### Refund as support
POST {{host}}/api/v2/refunds
Authorization: Bearer ⟦jwt RS256 admin⟧
X-Api-Key: {{apiKey}} ⟪neg env-reference⟫
Content-Type: application/json

{"orderId": "ord_1042", "amount": 1999}
