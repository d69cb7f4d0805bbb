from odoo import _, api, models
from odoo.exceptions import AccessError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env["sale.order.line"]._expert_is_restricted_caller():
            return super().create(vals_list)
        requested = [vals.pop("pricelist_id", None) for vals in vals_list]
        orders = super().create(vals_list)
        for order, pricelist_id in zip(orders, requested, strict=True):
            order._expert_check_pricelist(pricelist_id)
        return orders

    def write(self, vals):
        if "pricelist_id" in vals and self.env["sale.order.line"]._expert_is_restricted_caller():
            vals = dict(vals)
            pricelist_id = vals.pop("pricelist_id")
            res = super().write(vals)
            for order in self:
                order._expert_check_pricelist(pricelist_id)
            return res
        return super().write(vals)

    def _expert_check_pricelist(self, pricelist_id):
        """The client's pricelist applies: an expert cannot pick another one
        (a pricelist is a price, and prices are the platform's)."""
        self.ensure_one()
        if pricelist_id and pricelist_id != self.pricelist_id.id:
            raise AccessError(_("The platform sets the prices: the client's pricelist applies to this order."))

    def action_confirm(self):
        """An expert confirms only orders that sell its own products: the
        lines of another expert's product are that expert's or the platform's
        to confirm."""
        if self.env["sale.order.line"]._expert_is_restricted_caller():
            self.env["sale.order.line"]._expert_check_products(self.order_line.product_id)
        return super().action_confirm()

    def _prepare_invoice(self):
        """Invoices of online orders (the automatic invoice of a paid order
        included) carry the order's number as their Reference, as the expert
        guide's invoice list shows it: experts find a paid online invoice by
        it."""
        values = super()._prepare_invoice()
        if self.website_id and not values.get("ref"):
            values["ref"] = self.name
        return values
