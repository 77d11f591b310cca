from langchain_community.embeddings import HuggingFaceHubEmbeddings
import google.generativeai as genai

embeddings = HuggingFaceHubEmbeddings(
    repo_id="sentence-transformers/all-mpnet-base-v2",
    huggingfacehub_api_token="⟦huggingface⟧",
)
genai.configure(api_key="⟦gcp-api-key⟧")
