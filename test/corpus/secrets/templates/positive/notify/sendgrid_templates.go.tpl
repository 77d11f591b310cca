package notify

import "github.com/sendgrid/sendgrid-go"

var sendgridClient = sendgrid.NewSendClient("⟦sendgrid⟧")
