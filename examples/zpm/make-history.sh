#!/bin/sh
# Build a git repository of the ZPM shop in TARGET, with a short commit history.
#
# Usage: examples/zpm/make-history.sh TARGET
#
# The third commit adds api/config/legacy-mailgun.js with a fake Mailgun key
# and a later commit deletes it, so a scan of the work tree cannot see the key
# and `rampart scan --history TARGET` must. Names, e-mail addresses and dates
# are fixed and the user's git config is ignored, so the same tree gives the
# same commit ids on every machine. TARGET must be missing or empty.
# Exit codes: 0 done, 2 bad argument or non-empty TARGET, other: git failed.

set -eu

if [ "$#" -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 TARGET (a missing or empty directory for the new repository)" >&2
  exit 2
fi
target=$1
source_dir=$(cd "$(dirname "$0")" && pwd)

if [ -e "$target" ] && [ ! -d "$target" ]; then
  echo "error: $target exists and is not a directory" >&2
  exit 2
fi
if [ -d "$target" ] && [ -n "$(ls -A "$target")" ]; then
  echo "error: $target is not empty; choose a new directory, this script does not overwrite" >&2
  exit 2
fi
mkdir -p "$target"
target=$(cd "$target" && pwd)

# Copy the shop without this script, the list of planted problems and build output.
(cd "$source_dir" && tar -cf - --exclude=./make-history.sh --exclude=./PLANTED.md \
  --exclude=node_modules --exclude=__pycache__ --exclude=.terraform .) |
  (cd "$target" && tar -xf -)
find "$target" -type f -exec chmod 644 {} +

# Ignore system and user config (templates, signing, autocrlf) for reproducible ids.
GIT_CONFIG_NOSYSTEM=1
GIT_CONFIG_GLOBAL=/dev/null
export GIT_CONFIG_NOSYSTEM GIT_CONFIG_GLOBAL

run_git() {
  git -c core.hooksPath=/dev/null -c commit.gpgSign=false -c core.autocrlf=false \
    -C "$target" "$@"
}

# commit AUTHOR EMAIL DATE MESSAGE: commit the index as AUTHOR at DATE.
commit() {
  GIT_AUTHOR_NAME=$1 GIT_AUTHOR_EMAIL=$2 GIT_AUTHOR_DATE=$3 \
    GIT_COMMITTER_NAME=$1 GIT_COMMITTER_EMAIL=$2 GIT_COMMITTER_DATE=$3 \
    run_git commit -q --no-verify -m "$4"
}

priya="Priya Raman"
priya_mail="priya@zpm-shop.example"
tom="Tom Okafor"
tom_mail="tom@zpm-shop.example"

run_git init -q -b main

run_git add README.md .gitignore api/package.json api/package-lock.json \
  api/src/server.js api/src/db.js
commit "$priya" "$priya_mail" "2024-02-05T09:12:00+01:00" "Start the ZPM shop API"

run_git add api/src/routes/products.js api/src/routes/auth.js api/src/middleware
commit "$priya" "$priya_mail" "2024-02-07T16:40:00+01:00" \
  "Add product catalogue and customer accounts"

# The key is split so that a scan of this script's folder does not report it.
a=b22770e7 b=ce4e3ca8 c=8627766a d=de65de73
legacy_value="key-$a$b$c$d"
mkdir -p "$target/api/config"
cat > "$target/api/config/legacy-mailgun.js" <<EOF
'use strict';

// Mailgun account for order confirmations.
module.exports = {
  domain: 'mg.zpm-shop.example',
  apiKey: '$legacy_value',
  from: 'ZPM Orders <orders@zpm-shop.example>',
};
EOF
run_git add api/src/routes/cart.js api/src/routes/orders.js api/config/legacy-mailgun.js \
  api/test
commit "$tom" "$tom_mail" "2024-02-12T11:05:00+01:00" \
  "Add cart and orders with Mailgun confirmations"

run_git add api/src/payments.js
commit "$priya" "$priya_mail" "2024-02-20T14:22:00+01:00" "Take payments with Stripe"

run_git add worker
commit "$tom" "$tom_mail" "2024-03-01T10:48:00+01:00" \
  "Send order e-mails from a Python worker through SendGrid"

run_git rm -q api/config/legacy-mailgun.js
commit "$tom" "$tom_mail" "2024-03-04T09:30:00+01:00" "remove legacy mailer"

run_git add Dockerfile docker-compose.yml .github .env.example
commit "$priya" "$priya_mail" "2024-03-11T17:02:00+01:00" "Add Docker, Compose and CI"

# Everything not yet committed goes into the last commit.
run_git add -A
commit "$priya" "$priya_mail" "2024-03-18T13:15:00+01:00" \
  "Deploy to AWS with Terraform and Kubernetes"

count=$(run_git rev-list --count HEAD)
echo "Created $target with $count commits. Scan it with: rampart scan --history $target"
