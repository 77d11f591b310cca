// Worker configuration. Loaded once at start-up.
export const config = {
  queue: 'emails',
  concurrency: 8,
  postmark: {
    serverToken: 'c4f96f6e-d505-4a6f-ad94-f16d7ae2236d',
    messageStream: 'outbound',
  },
  twilio: {
    accountSid: 'ACceb71b56052c1c31602474e6ad422049',
    authToken: '170a9cd5758c2a1ee4e9b1b32ad70c3e',
    from: '+14155550123',
  },
  mailchimp: { apiKey: '765b6a3b341da841e32c38e69d043839-us7' },
  linear: { apiKey: 'lin_api_6usy9xFX36BGb9w9cctcBPgZhbuZnrKNfYBaP0te' },
  notion: { token: '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', databaseId: '184130490e2d306b824480ce93c02904' },
  airtable: { token: process.env.AIRTABLE_TOKEN ?? '' },
  resend: { apiKey: 're_JE3uYHdv_GYIXlvWHg5m3dET8ubmtap4T' },
} as const;

export const RETRY_BACKOFF_MS = [250, 1000, 5000];
