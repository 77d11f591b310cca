#!/usr/bin/env python3
"""Cut a release on GitHub and mirror it to GitLab."""
import requests

GITHUB_TOKEN = "⟦github gho⟧"
GITLAB_TOKEN = "⟦gitlab⟧"


def create_release(tag: str) -> None:
    requests.post(
        "https://api.github.com/repos/example/shop/releases",
        headers={"Authorization": f"token {GITHUB_TOKEN}"},
        json={"tag_name": tag},
        timeout=30,
    ).raise_for_status()
