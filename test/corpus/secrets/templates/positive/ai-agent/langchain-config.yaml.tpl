llm:
  provider: groq
  model: llama-3.1-70b-versatile
  api_key: ⟦groq⟧
  temperature: 0.2
embeddings:
  provider: huggingface
  model: sentence-transformers/all-MiniLM-L6-v2
  token: ⟦huggingface⟧
retriever:
  top_k: 8
