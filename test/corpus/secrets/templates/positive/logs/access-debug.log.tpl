> GET /api/v2/orders?page=2 HTTP/1.1
> Host: api.shop.example.com
> User-Agent: curl/8.5.0
> Authorization: Bearer ⟦jwt HS256 user⟧
>
< HTTP/1.1 200 OK
< Content-Type: application/json
< X-Request-Id: ⟦uuid⟧ ⟪neg uuid⟫
< ETag: W/"⟦hex 32⟧" ⟪neg checksum⟫
<
> POST /api/v2/refunds HTTP/1.1
> Host: api.shop.example.com
> Authorization: Bearer ⟦jwt RS256 admin⟧
> Content-Type: application/json
>
< HTTP/1.1 201 Created
127.0.0.1 - - [11/Jun/2024:09:02:11 +0000] "GET /api/v2/me HTTP/1.1" 200 512 "-" "Mozilla/5.0" "Bearer ⟦jwt HS256 user⟧"
