'use strict';

const { exec } = require('node:child_process');
const path = require('node:path');
const os = require('node:os');

// Renders an order's invoice page to PDF with wkhtmltopdf and returns the
// path of the file. The paper size is a customer preference (A4, Letter).
function renderInvoicePdf(orderId, paperSize) {
  const output = path.join(os.tmpdir(), `invoice-${orderId}.pdf`);
  const page = `http://localhost:3000/internal/invoices/${orderId}`;
  return new Promise((resolve, reject) => {
    exec(`wkhtmltopdf --page-size ${paperSize} ${page} ${output}`, (error) => {
      if (error) reject(error);
      else resolve(output);
    });
  });
}

module.exports = { renderInvoicePdf };
