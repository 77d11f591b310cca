#!/bin/sh
curl -s --user 'api:⟦mailgun legacy⟧' \
  https://api.mailgun.net/v3/mg.example.com/messages \
  -F from='Shop <noreply@mg.example.com>' \
  -F to="$1" -F subject="$2" -F text="$3"
