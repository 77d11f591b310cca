import shopify
import stripe

stripe.api_key = "⟦stripe sk long⟧"

session = shopify.Session("legacy-outlet.myshopify.com", "2024-04", "⟦shopify shppa⟧")
shopify.ShopifyResource.activate_session(session)


def sync_refunds():
    for refund in stripe.Refund.list(limit=100).auto_paging_iter():
        print(refund.id, refund.amount)
