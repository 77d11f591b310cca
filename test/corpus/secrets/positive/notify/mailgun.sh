#!/bin/sh
curl -s --user 'api:key-b295f60f0a415fffc046917744943e06' \
  https://api.mailgun.net/v3/mg.example.com/messages \
  -F from='Shop <noreply@mg.example.com>' \
  -F to="$1" -F subject="$2" -F text="$3"
