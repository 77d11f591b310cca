module.exports = {
  platform: 'gitlab',
  endpoint: 'https://gitlab.example.com/api/v4/',
  token: 'glpat-_B7iz0Guq_2ZoPpKkxgS',
  hostRules: [
    {
      matchHost: 'github.com',
      token: 'ghp_BrPbZerK8HVu8N0OScBu7ppT8v4F8o6ciOGr',
    },
  ],
  repositories: ['shop/storefront', 'shop/api'],
};
