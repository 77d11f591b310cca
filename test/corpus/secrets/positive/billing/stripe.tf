provider "stripe" {
  api_key = "rk_live_qQ8lSHY8uzJd89CHNCaqMBJw"
}

resource "stripe_webhook_endpoint" "orders" {
  url            = "https://api.shop.example.com/stripe/webhook"
  enabled_events = ["checkout.session.completed", "charge.refunded"]
}
