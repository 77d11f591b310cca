203.0.113.10 - - [11/Jun/2024:10:01:22 +0000] "GET /api/v1/orders?page=1 HTTP/1.1" 200 1823 "-" "okhttp/4.12.0" rid=⟦uuid⟧ ⟪neg uuid⟫
203.0.113.10 - - [11/Jun/2024:10:01:23 +0000] "POST /api/v1/login HTTP/1.1" 200 412 "-" "okhttp/4.12.0" rid=⟦uuid⟧ ⟪neg uuid⟫
198.51.100.7 - - [11/Jun/2024:10:01:25 +0000] "GET /password/reset?token=[FILTERED] HTTP/1.1" 302 0 "-" "Mozilla/5.0" ⟪neg placeholder⟫
198.51.100.7 - - [11/Jun/2024:10:01:26 +0000] "GET /static/js/main.⟦hex 8⟧.js HTTP/1.1" 200 88211 "-" "Mozilla/5.0"
{"ts":"2024-06-11T10:01:27Z","level":"info","msg":"request done","trace_id":"⟦hex 32⟧","span_id":"⟦hex 16⟧","status":200} ⟪neg identifier⟫
{"ts":"2024-06-11T10:01:28Z","level":"info","msg":"token refreshed","user_id":1042,"token":"***","expires_in":3600} ⟪neg placeholder⟫
{"ts":"2024-06-11T10:01:29Z","level":"warn","msg":"login failed","user":"bob@example.com","password":"[REDACTED]"} ⟪neg placeholder⟫
{"ts":"2024-06-11T10:01:30Z","level":"info","msg":"deployed","commit":"⟦git-sha⟧","image":"ghcr.io/example/api@⟦digest⟧"} ⟪neg git-sha⟫
{"ts":"2024-06-11T10:01:31Z","level":"debug","msg":"cache hit","key":"session:⟦hex 40⟧"} ⟪neg identifier⟫
{"ts":"2024-06-11T10:01:32Z","level":"info","msg":"api key used","key_id":"key_⟦alnum 16⟧","key_prefix":"sk_live_4f2a"} ⟪neg identifier⟫
{"ts":"2024-06-11T10:01:33Z","level":"info","msg":"webhook received","event_id":"evt_⟦alnum 24⟧","idempotency_key":"⟦uuid⟧"} ⟪neg identifier⟫
