'use strict';

const db = require('./db');

// Order history export for the account page. The status filter comes from
// the query string, so the caller passes whatever the client sent.
async function ordersByStatus(customerId, status) {
  const filter = status ? `AND status = '${status}'` : '';
  return db.query(
    `SELECT id, status, total_cents, created_at FROM orders WHERE customer_id = $1 ${filter} ORDER BY id`,
    [customerId],
  );
}

module.exports = { ordersByStatus };
