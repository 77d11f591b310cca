import shopify
import stripe

stripe.api_key = "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"

session = shopify.Session("legacy-outlet.myshopify.com", "2024-04", "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")
shopify.ShopifyResource.activate_session(session)


def sync_refunds():
    for refund in stripe.Refund.list(limit=100).auto_paging_iter():
        print(refund.id, refund.amount)
