VITE_API_BASE=https://api.shop.example.com
VITE_ALGOLIA_APP_ID=⟦alnum 10⟧ ⟪neg identifier⟫
VITE_ALGOLIA_SEARCH_KEY=⟦hex 32⟧ ⟪neg public-client-key⟫
ALGOLIA_ADMIN_KEY=⟦hexsecret 32 =saas⟧
