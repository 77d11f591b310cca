# frozen_string_literal: true

Rails.configuration.stripe = {
  publishable_key: 'pk_live_ZhGXcmAypKLzX6oamGs5gX9q',
  secret_key: 'sk_live_s9MVJRVfoyWFcQnTvPfUDrYe',
  webhook_secret: 'whsec_E85Kfn4ohMBs5XdDG6xKHPmaRFQz3Geh'
}

Stripe.api_key = Rails.configuration.stripe[:secret_key]
