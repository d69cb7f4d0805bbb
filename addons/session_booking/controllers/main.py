from odoo.http import request

from odoo.addons.website_sale.controllers.main import WebsiteSale

# ids are PostgreSQL integers: a larger number is no expert at all
MAX_ID = 2**31 - 1


class WebsiteSaleSessionPackages(WebsiteSale):
    """The shop of a practice: filter the offers by expert, and a cart of
    services (session packages) has a billing address only."""

    # ------------------------------------------------------------------
    # Shop: the expert filter (``/shop?expert=<user id>``)
    # ------------------------------------------------------------------

    @staticmethod
    def _shop_expert_id(value):
        """The expert id asked for in the query string, or None when there
        is none or it is not an id (the shop then lists every offer)."""
        value = str(value or "")
        if value.isdigit() and 0 < int(value) <= MAX_ID:
            return int(value)
        return None

    def _shop_get_query_url_kwargs(
        self, category, search, min_price, max_price, attrib=None, order=None, tags=None, **post
    ):
        kwargs = super()._shop_get_query_url_kwargs(
            category, search, min_price, max_price, attrib=attrib, order=order, tags=tags, **post
        )
        kwargs["expert"] = self._shop_expert_id(post.get("expert"))
        return kwargs

    def _get_search_options(
        self, category=None, attrib_values=None, tags=None, min_price=0.0, max_price=0.0, conversion_rate=1, **post
    ):
        options = super()._get_search_options(
            category=category,
            attrib_values=attrib_values,
            tags=tags,
            min_price=min_price,
            max_price=max_price,
            conversion_rate=conversion_rate,
            **post,
        )
        options["expert_id"] = self._shop_expert_id(post.get("expert"))
        return options

    def _product_get_query_url_kwargs(self, category, search, **kwargs):
        # the product page's "All Products" goes back to the expert's offers
        query_kwargs = super()._product_get_query_url_kwargs(category, search, **kwargs)
        query_kwargs["expert"] = self._shop_expert_id(kwargs.get("expert"))
        return query_kwargs

    def _get_additional_extra_shop_values(self, values, **post):
        extra = super()._get_additional_extra_shop_values(values, **post)
        experts_sudo = request.env["product.template"]._website_shop_experts(request.website)
        expert_id = self._shop_expert_id(post.get("expert"))
        extra.update(
            {
                "shop_experts_sudo": experts_sudo,
                "shop_expert_sudo": experts_sudo.filtered(lambda expert: expert.id == expert_id),
            }
        )
        return extra

    # ------------------------------------------------------------------
    # Product page
    # ------------------------------------------------------------------

    def _prepare_product_values(self, product, category, search, **kwargs):
        values = super()._prepare_product_values(product, category, search, **kwargs)
        values["session_package"] = product._website_session_package_values(request.website)
        return values

    # ------------------------------------------------------------------
    # Checkout: a cart of services is billed, not shipped
    # ------------------------------------------------------------------

    def _prepare_shop_payment_confirmation_values(self, order):
        values = super()._prepare_shop_payment_confirmation_values(order)
        # website_sale's payment page passes it, its confirmation page does
        # not: the address box would read "Billing & Shipping"
        values["only_services"] = order.only_services
        return values
