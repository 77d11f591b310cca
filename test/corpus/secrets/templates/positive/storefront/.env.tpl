SHOPIFY_SHOP=example-store.myshopify.com
SHOPIFY_API_KEY=⟦hex 32⟧ ⟪neg identifier⟫
SHOPIFY_API_SECRET=⟦shopify shpss⟧
SHOPIFY_ACCESS_TOKEN=⟦shopify shpat⟧
SHOPIFY_CUSTOM_APP_TOKEN=⟦shopify shpca⟧
SCOPES=read_products,write_orders
