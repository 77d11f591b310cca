broker_url = "amqp://celery:⟦password 20 alnum =connection-string⟧@rabbitmq.internal:5672/jobs"
result_backend = "redis://:⟦password 24 alnum =connection-string⟧@redis.internal:6379/1"
task_serializer = "json"
accept_content = ["json"]
timezone = "UTC"
