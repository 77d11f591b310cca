'use strict';

// Bot configuration. TODO: move these to the environment before open-sourcing.
module.exports = {
  discord: {
    token: process.env.DISCORD_TOKEN || 'NjI5MDQ2NDY1Njk5OTQ2MTQwNg.rrIMi3.DOtydl-gxp66IMnHmlw7U1nERz23cKflxt2lyA',
    clientId: '1187340925561049108',
    alertsWebhook: 'https://discord.com/api/webhooks/3788412667398422819/1HkVoxktnDJhm3T6SdZerNXw4VKU1-alE_MmzGKMPVfNd9qB5WPR6XYDK5WqtH_ZK9FA',
  },
  telegram: {
    botToken: '1669320653:AAV9lHydCHy9mxYrP5Ohoq1QeI3ZZgNPBIu',
    chatId: -1001876543210,
  },
  openai: {
    apiKey: process.env.OPENAI_API_KEY ?? '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',
    model: 'gpt-4o-mini',
    maxTokens: 512,
  },
  mongo: {
    uri: 'mongodb+srv://botuser:SvTVFGrezOnNunn1@cluster0.ab1cd.mongodb.net/bot?retryWrites=true&w=majority',
  },
  session: {
    secret: 'BmvRv-dq1LkaNOw7FuRVmwFDVDBKbljG',
    cookieName: 'bot.sid',
  },
};
