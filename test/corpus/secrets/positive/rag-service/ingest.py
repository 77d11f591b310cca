from langchain_community.embeddings import HuggingFaceHubEmbeddings
import google.generativeai as genai

embeddings = HuggingFaceHubEmbeddings(
    repo_id="sentence-transformers/all-mpnet-base-v2",
    huggingfacehub_api_token="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",
)
genai.configure(api_key="AIzaSyYQTCkOsf9lGMtQ1pIbEAYFOX5qf9TO9m8")
