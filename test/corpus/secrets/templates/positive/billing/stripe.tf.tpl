provider "stripe" {
  api_key = "⟦stripe rk⟧"
}

resource "stripe_webhook_endpoint" "orders" {
  url            = "https://api.shop.example.com/stripe/webhook"
  enabled_events = ["checkout.session.completed", "charge.refunded"]
}
