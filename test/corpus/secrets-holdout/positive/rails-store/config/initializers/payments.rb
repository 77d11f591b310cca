# frozen_string_literal: true

Stripe.api_key = ENV.fetch("STRIPE_SECRET_KEY")
Stripe.api_version = "2024-06-20"

# Square is only used by the Berlin pop-up store.
SQUARE_CLIENT = Square::Client.new(
  access_token: "EAAA5olME_dQI8f3jnzDuKI_nvHVRMvOUs-XMyS39WYLsR_auReP5JyAXWfykCC7",
  environment: "production"
)

Rails.application.config.x.paypal = {
  client_id: "AYrarcl5Div3_CXM1l66va9TD8Lg-dxe_PAzPvF-DRZxed1pFHH76whsEOG328IMj7-JinGTQziM8vPs",
  client_secret: "Ed4DD8saOSFMBKlXN-zSrZWFqFk8yixEcOkEd9XCIrhQkk4A-LoFF5XjsLsyIZeO5w9AYfovVX97EC19",
  mode: "live"
}

Shopify::Sync.configure do |c|
  c.shop = "storefront-eu.myshopify.com"
  c.admin_token = "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"
end
