# On-call runbook: shop platform

## Database

Read-only access to the replica:

    psql postgres://readonly:⟦password 18 alnum =connection-string⟧@shop-replica.internal:5432/shop

Mongo (session store):

    mongosh "mongodb+srv://admin:⟦password 20 alnum =connection-string⟧@sessions.x7k2p.mongodb.net/sessions"

Redis cache: `redis-cli -h cache.internal -a ⟦password 28 alnum⟧ INFO memory`

## Storage

Upload a hotfix bundle:

    az storage blob upload --account-name shopassets --account-key ⟦azure-storage-key⟧ \
      --container-name hotfix --file bundle.tgz --name bundle.tgz

## Internal admin API

    curl -H "Authorization: Basic ⟦basic-auth⟧" https://admin.internal.example.com/api/cache/flush

## Alerts

Post to #shop-oncall with the incoming webhook ⟦slack-webhook⟧ when paging fails.
