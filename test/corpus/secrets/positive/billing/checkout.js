const express = require('express');
const stripe = require('stripe')('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');

const app = express();

app.post('/checkout', async (req, res) => {
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: req.body.items,
    success_url: 'https://shop.example.com/thanks',
  });
  res.json({ id: session.id });
});

app.listen(3000);
