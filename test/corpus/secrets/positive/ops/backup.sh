#!/bin/sh
# Nightly dumps, run by cron on backup-01
set -e
STAMP=$(date +%Y%m%d)
pg_dump "postgresql://backup:uYPnXdIxJQY2GkaGeZJU@db-primary.internal:5432/shop" > "/backups/shop-$STAMP.sql"
mysqldump --single-transaction "mysql://backup:hlgXPHzci5Kes5QjdmOs@legacy-db.internal:3306/crm" > "/backups/crm-$STAMP.sql"
aws s3 cp "/backups/" s3://example-backups/ --recursive
