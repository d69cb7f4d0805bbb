from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.tools import float_compare

# Line values the platform decides: an expert never sets them, the pricelist does.
PLATFORM_PRICED_FIELDS = ("price_unit", "discount")


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # ------------------------------------------------------------------
    # An expert sells its own products at the platform's prices
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self._expert_is_restricted_caller():
            return super().create(vals_list)
        products = self.env["product.product"].browse(
            {vals["product_id"] for vals in vals_list if vals.get("product_id")}
        )
        self._expert_check_products(products)
        requested = [self._expert_pop_prices(vals) for vals in vals_list]
        lines = super().create(vals_list)
        for line, prices in zip(lines, requested, strict=True):
            line._expert_check_prices(prices)
        return lines

    def write(self, vals):
        if not self._expert_is_restricted_caller():
            return super().write(vals)
        products = self.product_id
        if vals.get("product_id"):
            products |= self.env["product.product"].browse(vals["product_id"])
        self._expert_check_products(products)
        vals = dict(vals)
        prices = self._expert_pop_prices(vals)
        res = super().write(vals)
        for line in self:
            line._expert_check_prices(prices)
        return res

    def unlink(self):
        if self._expert_is_restricted_caller():
            self._expert_check_products(self.product_id)
        return super().unlink()

    @api.model
    def _expert_is_restricted_caller(self):
        """Whether the rules of an expert apply: a restricted expert calling,
        not code running as superuser (website checkout, portal, crons)."""
        return not self.env.su and self.env.user._is_restricted_expert()

    @api.model
    def _expert_check_products(self, products):
        """An expert sells its own products (and the platform's, which have
        no expert), never another expert's."""
        foreign = products.sudo().filtered(lambda product: product.expert_id and product.expert_id != self.env.user)
        if foreign:
            raise AccessError(
                _(
                    "%(products)s belongs to another expert: only that expert or the platform sells it.",
                    products=", ".join(foreign.mapped("display_name")),
                )
            )

    @api.model
    def _expert_pop_prices(self, vals):
        """Take the platform-priced values out of ``vals``: the pricelist
        computes them; what the caller asked is checked afterwards."""
        return {name: vals.pop(name) for name in PLATFORM_PRICED_FIELDS if name in vals}

    def _expert_check_prices(self, requested):
        """Refuse a price or discount that differs from the platform's
        (the web client sends back the value the pricelist computed: equal
        values pass)."""
        self.ensure_one()
        digits = {
            "price_unit": self.env["decimal.precision"].precision_get("Product Price"),
            "discount": self.env["decimal.precision"].precision_get("Discount"),
        }
        for name, value in requested.items():
            if float_compare(value or 0.0, self[name], precision_digits=digits[name]):
                raise AccessError(
                    _(
                        "The platform sets the prices and discounts of %(product)s: "
                        "ask a platform manager for a special price.",
                        product=self.product_id.display_name or self.name,
                    )
                )
