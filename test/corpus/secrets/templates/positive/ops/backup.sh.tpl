#!/bin/sh
# Nightly dumps, run by cron on backup-01
set -e
STAMP=$(date +%Y%m%d)
pg_dump "postgresql://backup:⟦password 20 alnum =connection-string⟧@db-primary.internal:5432/shop" > "/backups/shop-$STAMP.sql"
mysqldump --single-transaction "mysql://backup:⟦password 20 alnum =connection-string⟧@legacy-db.internal:3306/crm" > "/backups/crm-$STAMP.sql"
aws s3 cp "/backups/" s3://example-backups/ --recursive
