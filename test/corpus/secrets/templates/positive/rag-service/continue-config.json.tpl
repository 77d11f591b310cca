{
  "models": [
    {
      "title": "Claude 3.5 Sonnet",
      "provider": "anthropic",
      "model": "claude-3-5-sonnet-latest",
      "apiKey": "⟦anthropic⟧"
    },
    {
      "title": "Llama 3.1 (Groq)",
      "provider": "groq",
      "model": "llama-3.1-8b-instant",
      "apiKey": "⟦groq⟧"
    }
  ],
  "allowAnonymousTelemetry": false
}
