// Test fixtures: none of these values are real credentials.
export const fixtures = {
  user: { email: 'jane@example.com', password: 'Password123!' },
  apiKey: 'test_key_do_not_use',
  stripeKey: 'sk_test_FAKEFAKEFAKEFAKEFAKEFAKE',
  webhookSecret: 'whsec_test_secret',
  privateKey: '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
  token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0.',
};
