broker_url = "amqp://celery:zjLhOEHaNA2EhkTLc3Jf@rabbitmq.internal:5672/jobs"
result_backend = "redis://:pqvt0Fnp8DXP7yvba5Zcs5Qb@redis.internal:6379/1"
task_serializer = "json"
accept_content = ["json"]
timezone = "UTC"
