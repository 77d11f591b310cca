services:
  api:
    build: .
    environment:
      - OPENAI_API_KEY=⟦openai proj⟧
      - HUGGING_FACE_HUB_TOKEN=⟦huggingface⟧
      - QDRANT_URL=http://qdrant:6333
    ports: ["8000:8000"]
  qdrant:
    image: qdrant/qdrant:v1.9.2
    volumes: ["qdrant:/qdrant/storage"]
volumes:
  qdrant: {}
