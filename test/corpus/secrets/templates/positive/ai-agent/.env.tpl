# local agent settings
OPENAI_API_KEY=⟦openai proj⟧
OPENAI_ORG_ID=org-⟦alnum 24⟧ ⟪neg identifier⟫
ANTHROPIC_API_KEY=⟦anthropic⟧
GROQ_API_KEY=⟦groq⟧
HUGGINGFACEHUB_API_TOKEN=⟦huggingface⟧
LANGCHAIN_TRACING_V2=false
MAX_TOKENS=4096 ⟪neg config-name⟫
