[core]
dags_folder = /opt/airflow/dags
executor = CeleryExecutor
fernet_key = ⟦b64-fernet⟧
load_examples = False

[database]
sql_alchemy_conn = postgresql+psycopg2://airflow:⟦password 20 alnum =connection-string⟧@airflow-db.internal:5432/airflow

[celery]
broker_url = redis://:⟦password 24 alnum =connection-string⟧@airflow-redis.internal:6379/0

[webserver]
secret_key = ⟦token 32⟧
web_server_port = 8080
