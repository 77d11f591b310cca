module.exports = {
  platform: 'gitlab',
  endpoint: 'https://gitlab.example.com/api/v4/',
  token: '⟦gitlab⟧',
  hostRules: [
    {
      matchHost: 'github.com',
      token: '⟦github ghp⟧',
    },
  ],
  repositories: ['shop/storefront', 'shop/api'],
};
