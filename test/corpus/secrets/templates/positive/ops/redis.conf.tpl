bind 0.0.0.0
port 6379
protected-mode yes
requirepass ⟦password 32 alnum⟧
masterauth ⟦password 32 alnum⟧
maxmemory 2gb
maxmemory-policy allkeys-lru
