NEXT_PUBLIC_SUPABASE_URL=https://⟦alnum 20⟧.supabase.co
SUPABASE_SERVICE_ROLE_KEY=⟦jwt HS256 service⟧
SUPABASE_DB_URL=postgresql://postgres:⟦password 24 alnum =connection-string⟧@db.⟦alnum 20⟧.supabase.co:5432/postgres
