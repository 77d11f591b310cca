package notify

import "github.com/sendgrid/sendgrid-go"

var sendgridClient = sendgrid.NewSendClient("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")
