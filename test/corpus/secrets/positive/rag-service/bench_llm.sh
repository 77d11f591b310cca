#!/usr/bin/env bash
# Latency check across providers.
set -eu
prompt='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}'
time curl -s https://api.openai.com/v1/chat/completions \
  -H "Authorization: Bearer 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" -H 'Content-Type: application/json' -d "$prompt" > /dev/null
time curl -s https://api.groq.com/openai/v1/chat/completions \
  -H "Authorization: Bearer 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" -H 'Content-Type: application/json' \
  -d '{"model":"llama-3.1-8b-instant","messages":[{"role":"user","content":"hi"}]}' > /dev/null
