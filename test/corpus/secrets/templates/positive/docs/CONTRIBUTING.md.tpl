# Contributing

1. Fork the repository and create a branch from `main`.
2. Run `make test` before you open a pull request.
3. The release bot posts the changelog. If the bot is down, run
   `scripts/changelog.sh` with `GITHUB_TOKEN=⟦github ghp⟧`, which has repo scope on the org.

Please sign your commits (`git commit -S`).
