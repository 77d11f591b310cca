import anthropic
from openai import OpenAI

openai_client = OpenAI(api_key="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")
claude = anthropic.Anthropic(api_key="sk-ant-api03-OyKq3Xe5_bLD9O4PIGf-LvX1pqYX2DxUdghU4kWENWR8EdJx6WD8j0Zv0tUgQVg3Oc4Gc4QNqVw8JvS1Z0bKIFpcgN_OLAA")


def summarize(text: str) -> str:
    message = claude.messages.create(
        model="claude-3-5-haiku-latest",
        max_tokens=300,
        messages=[{"role": "user", "content": f"Summarize:\n{text}"}],
    )
    return message.content[0].text
