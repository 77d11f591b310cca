#!/usr/bin/env bash
# Bootstrap a new build agent. Run as root.
set -euo pipefail

export BUILDKITE_AGENT_TOKEN="H852byfQkYiMqzGmY6GlTwylhXDSBFtv2V1EWVTfIJYJgqbOjw"
export DD_SITE="datadoghq.eu"
export DD_API_KEY="eebb1a99e88c8736c226a1dab5a17dbc"
export CF_API_KEY="ac54901e3af66c256fc5779223178f9b8e72c"
export CF_API_EMAIL="infra@ridgeline.example"

curl -fsSL https://keys.datadoghq.com/DATADOG_APT_KEY_CURRENT.public | gpg --dearmor -o /usr/share/keyrings/datadog.gpg
echo "deb [signed-by=/usr/share/keyrings/datadog.gpg] https://apt.datadoghq.com/ stable 7" > /etc/apt/sources.list.d/datadog.list
EXPECTED_SHA256="962c1904b58435b74c3b8a21cb3dc53ebe83e7a583f6a565a2dfb1405522e461"
echo "${EXPECTED_SHA256}  agent.tar.gz" | sha256sum -c -
PASSWORD="${AGENT_PASSWORD:?set AGENT_PASSWORD first}"
