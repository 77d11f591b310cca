'use strict';

// Bot configuration. TODO: move these to the environment before open-sourcing.
module.exports = {
  discord: {
    token: process.env.DISCORD_TOKEN || '⟦discord-bot⟧',
    clientId: '1187340925561049108',
    alertsWebhook: '⟦discord-webhook⟧',
  },
  telegram: {
    botToken: '⟦telegram⟧',
    chatId: -1001876543210,
  },
  openai: {
    apiKey: process.env.OPENAI_API_KEY ?? '⟦openai proj⟧',
    model: 'gpt-4o-mini',
    maxTokens: 512, ⟪neg config-name⟫
  },
  mongo: {
    uri: 'mongodb+srv://botuser:⟦password 16 alnum =connection-string⟧@cluster0.ab1cd.mongodb.net/bot?retryWrites=true&w=majority',
  },
  session: {
    secret: '⟦token 32⟧',
    cookieName: 'bot.sid',
  },
};
