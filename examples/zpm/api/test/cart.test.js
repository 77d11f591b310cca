'use strict';

const assert = require('node:assert/strict');
const test = require('node:test');
const { cartTotal } = require('../src/routes/cart');
const { customerToken } = require('./fixtures/token');

test('cart total multiplies price by quantity', () => {
  const items = [
    { productId: 1, priceCents: 4999, quantity: 2 },
    { productId: 7, priceCents: 1250, quantity: 1 },
  ];
  assert.equal(cartTotal(items), 11248);
});

test('empty cart totals zero', () => {
  assert.equal(cartTotal([]), 0);
});

test('fixture token is a three-part JWT', () => {
  assert.equal(customerToken.split('.').length, 3);
});
