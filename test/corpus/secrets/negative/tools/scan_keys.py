"""Pre-commit hook that blocks private keys and cloud keys."""
import re
import sys

PATTERNS = {
    "private key": re.compile(r"-----BEGIN (RSA |EC |OPENSSH |)PRIVATE KEY-----"),
    "aws key id": re.compile(r"AKIA[0-9A-Z]{16}"),
    "slack token": re.compile(r"xox[baprs]-[0-9A-Za-z-]{10,}"),
    "stripe key": re.compile(r"sk_live_[0-9a-zA-Z]{24,}"),
}
PEM_HEADER = "-----BEGIN OPENSSH PRIVATE KEY-----"


def main(paths: list[str]) -> int:
    failed = 0
    for path in paths:
        text = open(path, encoding="utf-8", errors="ignore").read()
        for name, pattern in PATTERNS.items():
            if pattern.search(text):
                print(f"{path}: looks like a {name}")
                failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
