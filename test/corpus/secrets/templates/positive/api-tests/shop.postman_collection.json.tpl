{
  "info": {
    "_postman_id": "⟦uuid⟧", ⟪neg uuid⟫
    "name": "Shop API",
    "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
  },
  "auth": {
    "type": "bearer",
    "bearer": [
      {
        "key": "token", ⟪neg config-name⟫
        "value": "⟦jwt HS256 admin⟧",
        "type": "string"
      }
    ]
  },
  "item": [
    {
      "name": "Get order",
      "request": {
        "method": "GET",
        "url": "{{baseUrl}}/api/v2/orders/1042"
      }
    }
  ]
}
