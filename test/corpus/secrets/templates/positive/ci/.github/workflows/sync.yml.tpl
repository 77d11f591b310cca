name: nightly-sync
on:
  schedule:
    - cron: '17 3 * * *'
  workflow_dispatch: {}

jobs:
  mirror:
    runs-on: ubuntu-latest
    env:
      GH_PAT: ⟦github-pat⟧
      GOOGLE_CREDENTIALS: '{"type":"service_account","project_id":"sync-prod-20931","private_key_id":"⟦hex 40⟧","private_key":"⟦gcp-sa-key⟧","client_email":"mirror@sync-prod-20931.iam.gserviceaccount.com","client_id":"⟦digits 21⟧","token_uri":"https://oauth2.googleapis.com/token"}'
    steps:
      - uses: actions/checkout@v4
        with:
          token: ${{ env.GH_PAT }} ⟪neg env-reference⟫
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: ⟦aws-key-id⟧
          aws-secret-access-key: ⟦aws-secret⟧
          aws-region: us-east-1
      - name: Trigger downstream import
        run: |
          curl -fsS -X POST https://importer.internal.example.com/v1/runs \
            -H "Authorization: Bearer ⟦jwt RS256 api⟧" \
            -d '{"source":"github"}'
