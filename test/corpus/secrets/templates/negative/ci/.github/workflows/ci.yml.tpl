name: ci
on:
  pull_request:
  push:
    branches: [main]

env:
  NPM_TOKEN: ${{ secrets.NPM_TOKEN }} ⟪neg env-reference⟫
  AWS_REGION: us-east-1

jobs:
  test:
    runs-on: ubuntu-latest
    services:
      postgres:
        image: postgres:16
        env:
          POSTGRES_PASSWORD: ${{ secrets.CI_DB_PASSWORD }} ⟪neg env-reference⟫
        ports: ['5432:5432']
    steps:
      - uses: actions/checkout@⟦git-sha⟧ # v4 ⟪neg git-sha⟫
      - uses: actions/setup-node@⟦git-sha⟧ # v4 ⟪neg git-sha⟫
        with:
          node-version: 20
          registry-url: https://registry.npmjs.org
      - run: npm ci
        env:
          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }} ⟪neg env-reference⟫
      - run: npm test
        env:
          DATABASE_URL: postgres://postgres:${{ secrets.CI_DB_PASSWORD }}@localhost:5432/postgres ⟪neg env-reference⟫
          OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }} ⟪neg env-reference⟫
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/ci-deploy ⟪neg identifier⟫
          aws-region: ${{ env.AWS_REGION }}
      - uses: docker/login-action@v3
        with:
          username: ${{ vars.DOCKERHUB_USERNAME }}
          password: ${{ secrets.DOCKERHUB_TOKEN }} ⟪neg env-reference⟫
      - name: Comment coverage
        uses: actions/github-script@v7
        with:
          github-token: ${{ secrets.GITHUB_TOKEN }} ⟪neg env-reference⟫
          script: |
            const token = core.getInput('github-token'); ⟪neg function-call⟫
            await github.rest.issues.createComment({ ...context.repo, issue_number: context.issue.number, body: 'ok' });
