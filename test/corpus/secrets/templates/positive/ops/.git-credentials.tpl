https://ci-bot:⟦github ghp⟧@github.com
https://oauth2:⟦gitlab⟧@gitlab.com
https://deploy-user:⟦bitbucket⟧@bitbucket.org
