#!/usr/bin/env bash
# Latency check across providers.
set -eu
prompt='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}'
time curl -s https://api.openai.com/v1/chat/completions \
  -H "Authorization: Bearer ⟦openai legacy⟧" -H 'Content-Type: application/json' -d "$prompt" > /dev/null
time curl -s https://api.groq.com/openai/v1/chat/completions \
  -H "Authorization: Bearer ⟦groq⟧" -H 'Content-Type: application/json' \
  -d '{"model":"llama-3.1-8b-instant","messages":[{"role":"user","content":"hi"}]}' > /dev/null
