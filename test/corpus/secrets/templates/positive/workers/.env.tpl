MONGO_URL=mongodb://jobs:⟦password 18 alnum =connection-string⟧@mongo-a.internal:27017,mongo-b.internal:27017/jobs?replicaSet=rs0&authSource=admin
RABBITMQ_URL=amqps://jobs:⟦password 22 alnum =connection-string⟧@b-4f1c.mq.eu-west-1.amazonaws.com:5671
REDIS_URL=rediss://default:⟦password 32 alnum =connection-string⟧@jobs-cache.x1y2z3.use1.cache.amazonaws.com:6380
WORKER_CONCURRENCY=8
