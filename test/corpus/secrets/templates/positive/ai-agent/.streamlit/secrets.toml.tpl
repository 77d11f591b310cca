OPENAI_API_KEY = "⟦openai proj⟧"
GROQ_API_KEY = "⟦groq⟧"

[connections.analytics]
url = "postgresql://streamlit:⟦password 18 alnum =connection-string⟧@analytics-db.internal:5432/analytics"
