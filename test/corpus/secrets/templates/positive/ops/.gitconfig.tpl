[user]
	name = Build Bot
	email = build-bot@example.com
[url "https://⟦github ghp⟧@github.com/"]
	insteadOf = https://github.com/
[pull]
	rebase = true
