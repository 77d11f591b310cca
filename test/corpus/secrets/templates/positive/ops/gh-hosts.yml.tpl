github.com:
    user: build-bot
    oauth_token: ⟦github gho⟧
    git_protocol: https
