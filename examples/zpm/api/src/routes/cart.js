'use strict';

const express = require('express');
const _ = require('lodash');
const { requireAuth } = require('../middleware/require-auth');

const router = express.Router();
const carts = new Map();

function cartFor(customerId) {
  if (!carts.has(customerId)) carts.set(customerId, { items: [], coupon: null });
  return carts.get(customerId);
}

function cartTotal(items) {
  return items.reduce((sum, item) => sum + item.priceCents * item.quantity, 0);
}

router.use(requireAuth);

router.get('/', (req, res) => {
  const cart = cartFor(req.user.sub);
  res.json({ ...cart, totalCents: cartTotal(cart.items) });
});

// The web client sends partial updates, such as { coupon: "SPRING10" }.
router.patch('/', (req, res) => {
  const cart = _.merge(cartFor(req.user.sub), req.body);
  res.json({ ...cart, totalCents: cartTotal(cart.items) });
});

router.delete('/', (req, res) => {
  carts.delete(req.user.sub);
  res.status(204).end();
});

module.exports = router;
module.exports.cartFor = cartFor;
module.exports.cartTotal = cartTotal;
