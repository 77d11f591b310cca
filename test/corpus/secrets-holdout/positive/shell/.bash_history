cd ~/src/inventory
git pull --rebase
export GITHUB_TOKEN=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
gh pr list --state open
aws configure set aws_access_key_id AKIAYNBQBB5AXZGRN44U
aws configure set aws_secret_access_key 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
aws s3 ls s3://inventory-exports/
mysql -h 10.0.7.21 -u reporting -p'7bzJBjp22=7l^w' inventory
psql "postgresql://admin:Zzl0JAm089pdcnqizm1B@10.0.7.30:5432/inventory?sslmode=require"
curl -H "Authorization: Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Ik8wSkZuTlBRTTVKeEM0aDg5blp5In0.eyJzdWIiOiJhdXRoMHw4ZjgzNmRjMGYxZDMzZGZiZDY2OWY4OWYiLCJhdWQiOlsiaHR0cHM6Ly9hcGkudGlkZXBvb2wuYXBwIl0sImlzcyI6Imh0dHBzOi8vdGlkZXBvb2wuZXUuYXV0aDAuY29tLyIsImlhdCI6MTcxNzQzMDQwMCwiZXhwIjoxNzE3NTE2ODAwLCJzY29wZSI6Im9wZW5pZCBwcm9maWxlIHJlYWQ6bG9ncyIsImF6cCI6IlM5em5IMWRpQU1aamxPams2cUpwVnhjdmszNjdFMDZRIn0.vuOQD6nl9y9gJ6QBCv3E9_b8okNvWK9YxbWcWLZVAJplXdzFl8YORiICoaXF2ggPRmFGpPm_RxcFGzElbxpWmQSphhsPQW7wXSxcBUGyWft22DtNyy1roffxdVQ0nF78dJMc5dF5_XY4hgva33f0kFca26nT4ma6wjTfXM6y-MmJ49fjdY3_0AyHljhJjgvjtUi-Fp7wKxi4XktNoivq8XYUdoEJQ2bN_mAPgWrKMDST1V4bhdsUD4c80nyEJ3zkwqIepdDjO0pEde-MZ9Y3xGU04FLIIQ01q9OSTGPTupTzo3Z68A-dzXvmgU4OZU08L3XAtYDh-NfX96kNC0uQ1g" https://api.tidepool.app/v2/logs?limit=50
sha256sum inventory-2024-05-01.tar.gz
curl -u admin:xQu2+SZs5IDd7+q% http://localhost:15672/api/queues
export OPENAI_API_KEY=$(op read "op://Engineering/OpenAI/credential")
docker login registry.gitlab.com -u deploy-bot -p gldt-qd29ixzdsNxu9bOlh-j0
history | grep docker
export VAULT_TOKEN=hvs.CAESI0aIYMZW4tWxSu19tw-qaRqJBCooSxlSH1u88fhb2hZDKfyTPOpsGsEuv9zKWrqzYc6CloVlNzUk7318PKyLiZt
vault kv get -field=password secret/inventory/db
echo $PATH
