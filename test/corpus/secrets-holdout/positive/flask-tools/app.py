import os

import openai
from flask import Flask

app = Flask(__name__)
app.config["SECRET_KEY"] = "aa4d0ad9efefee3cec9aac156ac587badb3622a7b7c65ddc"
app.config["SQLALCHEMY_DATABASE_URI"] = "mysql+pymysql://tools:huj_9vSfmd5Qa8KE@10.0.3.11:3306/tools"
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024 * 1024

openai.api_key = "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"

HF_TOKEN = "hf_eisX3zuSa3SsLSVnyEVacwzliHKOfodOXU"
REPLICATE_API_TOKEN = os.getenv("REPLICATE_API_TOKEN")
GROQ_API_KEY = "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"


@app.get("/health")
def health():
    return {"status": "ok", "build": "764786f22a5b407fff32a5ed5b9f58de4bbdb168"}


def password_is_strong(password: str) -> bool:
    return len(password) >= 12
