machine github.com
  login build-bot
  password ⟦github ghp⟧
machine gitlab.example.com login ci password ⟦gitlab⟧
machine artifacts.internal.example.com login deploy password ⟦password 24 alnum⟧
