[program:worker]
command=/srv/app/.venv/bin/celery -A tasks worker --loglevel=INFO
directory=/srv/app
environment=DATABASE_URL="postgresql://worker:⟦password 20 alnum =connection-string⟧@db.internal:5432/app",PYTHONUNBUFFERED="1"
autorestart=true
