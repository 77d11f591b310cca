'use strict';

const express = require('express');
const db = require('../db');
const { chargeOrder } = require('../payments');
const { requireAuth } = require('../middleware/require-auth');
const { cartFor, cartTotal } = require('./cart');
const { ordersByStatus } = require('../reports');
const { renderInvoicePdf } = require('../invoices');

const router = express.Router();
router.use(requireAuth);

router.get('/', async (req, res, next) => {
  try {
    const rows = await db.query(
      'SELECT id, status, total_cents, created_at FROM orders WHERE customer_id = $1 ORDER BY id DESC',
      [req.user.sub],
    );
    res.json(rows);
  } catch (error) {
    next(error);
  }
});

router.get('/export', async (req, res, next) => {
  try {
    res.json(await ordersByStatus(req.user.sub, req.query.status));
  } catch (error) {
    next(error);
  }
});

router.get('/:id/invoice.pdf', async (req, res, next) => {
  try {
    const rows = await db.query('SELECT id FROM orders WHERE id = $1 AND customer_id = $2', [req.params.id, req.user.sub]);
    if (rows.length === 0) return res.status(404).json({ error: 'order not found' });
    const file = await renderInvoicePdf(rows[0].id, req.query.paper || 'A4');
    return res.sendFile(file);
  } catch (error) {
    return next(error);
  }
});

router.post('/', async (req, res, next) => {
  try {
    const cart = cartFor(req.user.sub);
    if (cart.items.length === 0) return res.status(400).json({ error: 'cart is empty' });

    const order = await db.withTransaction(async (client) => {
      const totalCents = cartTotal(cart.items);
      const inserted = await client.query(
        'INSERT INTO orders (customer_id, status, total_cents) VALUES ($1, $2, $3) RETURNING id',
        [req.user.sub, 'pending', totalCents],
      );
      const id = inserted.rows[0].id;
      for (const item of cart.items) {
        await client.query(
          'INSERT INTO order_items (order_id, product_id, quantity, price_cents) VALUES ($1, $2, $3, $4)',
          [id, item.productId, item.quantity, item.priceCents],
        );
      }
      return { id, totalCents };
    });

    const payment = await chargeOrder(order, req.body.paymentMethodId);
    await db.query('UPDATE orders SET status = $1, payment_id = $2 WHERE id = $3', [
      payment.status === 'succeeded' ? 'paid' : 'payment_failed',
      payment.id,
      order.id,
    ]);
    // The worker sends the confirmation e-mail.
    await db.query("INSERT INTO email_queue (kind, payload) VALUES ('order_confirmation', $1)", [
      JSON.stringify({ orderId: order.id, customerId: req.user.sub }),
    ]);
    cart.items = [];
    return res.status(201).json({ id: order.id, status: payment.status });
  } catch (error) {
    return next(error);
  }
});

module.exports = router;
