name: release
on:
  push:
    tags: ['v*']

permissions:
  contents: write
  id-token: write

jobs:
  publish:
    runs-on: ubuntu-latest
    env:
      HF_TOKEN: ⟦huggingface⟧
      TWINE_USERNAME: __token__
      TWINE_PASSWORD: ⟦pypi⟧
    steps:
      - uses: actions/checkout@⟦git-sha⟧ # v4.1.7 ⟪neg git-sha⟫
      - uses: actions/setup-python@⟦git-sha⟧ # v5.1.0 ⟪neg git-sha⟫
        with:
          python-version: '3.12'
      - run: pip install build twine
      - run: python -m build
      - run: twine upload dist/*
      - name: Push model card
        run: huggingface-cli upload example/sentiment ./model --token "$HF_TOKEN" ⟪neg env-reference⟫
      - name: Create GitHub release
        env:
          GH_TOKEN: ${{ secrets.GITHUB_TOKEN }} ⟪neg env-reference⟫
        run: gh release create "$GITHUB_REF_NAME" dist/* --generate-notes
      - name: Notify
        uses: slackapi/slack-github-action@⟦git-sha⟧ ⟪neg git-sha⟫
        with:
          payload: '{"text":"Released ${{ github.ref_name }}"}'
        env:
          SLACK_WEBHOOK_URL: ⟦slack-webhook⟧
