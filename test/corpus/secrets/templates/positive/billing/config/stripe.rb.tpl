# frozen_string_literal: true

Rails.configuration.stripe = {
  publishable_key: '⟦stripe-publishable⟧', ⟪neg public-client-key⟫
  secret_key: '⟦stripe sk⟧',
  webhook_secret: '⟦stripe-whsec⟧'
}

Stripe.api_key = Rails.configuration.stripe[:secret_key]
