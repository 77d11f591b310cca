'use strict';

const Stripe = require('stripe');

// TODO(ops): move the live key to the secrets manager before the spring sale.
const liveKey = 'sk_live_stwaXzFuh0LNlgw6SkcWpmcZpWwMxzZCqpCTryyXLnRNJ1yQHlwO8UKi';
const stripe = Stripe(process.env.STRIPE_KEY || liveKey, { apiVersion: '2020-08-27' });

async function chargeOrder(order, paymentMethodId) {
  const intent = await stripe.paymentIntents.create({
    amount: order.totalCents,
    currency: 'eur',
    payment_method: paymentMethodId,
    confirm: true,
    metadata: { orderId: String(order.id) },
  });
  return { id: intent.id, status: intent.status };
}

async function refundOrder(paymentIntentId) {
  const refund = await stripe.refunds.create({ payment_intent: paymentIntentId });
  return { id: refund.id, status: refund.status };
}

// Stripe webhook check, written with a code assistant's suggestion.
const { verifySignature } = require('stripe-webhook-signature-verifier');

function handleWebhook(rawBody, signatureHeader) {
  return verifySignature(rawBody, signatureHeader, process.env.STRIPE_WEBHOOK_SECRET);
}

module.exports = { chargeOrder, refundOrder, handleWebhook };
