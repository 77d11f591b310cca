const express = require('express');
const stripe = require('stripe')('⟦stripe sk long⟧');

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
