2024-06-11T08:14:02.118Z INFO  [main] orders-api starting version=2.8.1 pid=4121
2024-06-11T08:14:02.342Z DEBUG [config] loaded settings: {"db":"postgres://orders:⟦password 20 alnum =connection-string⟧@orders-db.internal:5432/orders","region":"us-east-1"}
2024-06-11T08:14:02.377Z DEBUG [aws] using static credentials AccessKeyId=⟦aws-key-id⟧ SecretAccessKey=⟦aws-secret⟧
2024-06-11T08:14:03.004Z INFO  [http] listening on :8080
2024-06-11T08:15:47.551Z WARN  [auth] login failed user=jkowalski password=⟦password 14⟧ ip=203.0.113.44
2024-06-11T08:16:12.909Z ERROR [payments] stripe request failed config={apiKey: "⟦stripe sk long⟧", timeout: 30000}
2024-06-11T08:16:13.010Z INFO  [http] GET /healthz 200 1.2ms request_id=⟦uuid⟧ ⟪neg uuid⟫
2024-06-11T08:17:40.221Z ERROR [mongo] MongoServerSelectionError: connection timed out uri=mongodb+srv://orders:⟦password 16 alnum =connection-string⟧@orders.k2x9q.mongodb.net/orders
2024-06-11T08:18:05.663Z ERROR [notify] POST ⟦slack-webhook⟧ failed: 404 no_team
2024-06-11T08:18:05.701Z DEBUG [notify] GET https://api.telegram.org/bot⟦telegram⟧/getMe 200
2024-06-11T08:19:00.000Z INFO  [jobs] nightly export done rows=48213 sha=⟦git-sha⟧ ⟪neg git-sha⟫
