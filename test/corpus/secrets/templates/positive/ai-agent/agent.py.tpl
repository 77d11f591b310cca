import anthropic
from openai import OpenAI

openai_client = OpenAI(api_key="⟦openai proj⟧")
claude = anthropic.Anthropic(api_key="⟦anthropic⟧")


def summarize(text: str) -> str:
    message = claude.messages.create(
        model="claude-3-5-haiku-latest",
        max_tokens=300,
        messages=[{"role": "user", "content": f"Summarize:\n{text}"}],
    )
    return message.content[0].text
