# Support agent

Run locally:

```sh
export ANTHROPIC_API_KEY=⟦anthropic⟧
python agent.py --ticket 4411
```

The agent reads tickets from the helpdesk and drafts replies. It never sends them.
