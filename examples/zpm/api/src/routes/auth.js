'use strict';

const bcrypt = require('bcryptjs');
const express = require('express');
const jwt = require('jsonwebtoken');
const db = require('../db');

const router = express.Router();

router.post('/register', async (req, res, next) => {
  try {
    const { email, password, name } = req.body;
    if (!email || !password || password.length < 10) {
      return res.status(400).json({ error: 'email and a password of 10 or more characters required' });
    }
    const hash = await bcrypt.hash(password, 12);
    const rows = await db.query(
      'INSERT INTO customers (email, name, password_hash) VALUES ($1, $2, $3) RETURNING id',
      [email.toLowerCase(), name, hash],
    );
    return res.status(201).json({ id: rows[0].id });
  } catch (error) {
    return next(error);
  }
});

router.post('/login', async (req, res, next) => {
  try {
    const { email, password } = req.body;
    const rows = await db.query(
      'SELECT id, password_hash, role FROM customers WHERE email = $1',
      [String(email).toLowerCase()],
    );
    const customer = rows[0];
    if (!customer || !(await bcrypt.compare(String(password), customer.password_hash))) {
      return res.status(401).json({ error: 'wrong e-mail or password' });
    }
    const token = jwt.sign({ sub: customer.id, role: customer.role }, process.env.JWT_SECRET, {
      expiresIn: '7d',
    });
    return res.json({ token });
  } catch (error) {
    return next(error);
  }
});

module.exports = router;
