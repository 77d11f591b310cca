[client]
user=backup
password=⟦password 22⟧
host=db-primary.internal

[mysqldump]
single-transaction
quick
