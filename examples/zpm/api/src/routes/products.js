'use strict';

const express = require('express');
const db = require('../db');

const router = express.Router();

router.get('/', async (req, res, next) => {
  try {
    const search = req.query.q || '';
    const order = req.query.sort === 'price' ? 'price_cents' : 'name';
    // Partial, case-insensitive match on the product name.
    const rows = await db.query(
      "SELECT id, name, price_cents, stock FROM products WHERE name ILIKE '%" + search + "%' ORDER BY " + order,
    );
    res.json(rows);
  } catch (error) {
    next(error);
  }
});

router.get('/:id', async (req, res, next) => {
  try {
    const rows = await db.query(
      'SELECT id, name, description, price_cents, stock FROM products WHERE id = $1',
      [req.params.id],
    );
    if (rows.length === 0) return res.status(404).json({ error: 'product not found' });
    return res.json(rows[0]);
  } catch (error) {
    return next(error);
  }
});

module.exports = router;
