from odoo import _, api, models
from odoo.exceptions import AccessError

# the fields that make a partner a client of an order's experts
CLIENT_FIELDS = ("partner_id", "partner_invoice_id", "partner_shipping_id")


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "expert.client.mixin"]

    _expert_client_fields = (*CLIENT_FIELDS, "order_line", "user_id")

    def _action_confirm(self):
        res = super()._action_confirm()
        self._link_client_experts()
        return res

    def _cart_update_order_line(self, product_id, quantity, order_line, **kwargs):
        # website carts add lines without writing the order
        line = super()._cart_update_order_line(product_id, quantity, order_line, **kwargs)
        self._link_client_experts()
        return line

    def _link_client_experts(self):
        """The customer, invoice and delivery addresses of an order are
        clients of the experts who read the order: the experts of its
        products and its salesperson when an expert (the order rules)."""
        for order in self.sudo():
            public = order.website_id.user_id.partner_id
            partners = (order.partner_id | order.partner_invoice_id | order.partner_shipping_id) - public
            experts = order.order_line.product_id.product_tmpl_id.expert_id
            partners._link_client_experts(experts | order.user_id.filtered("is_restricted_expert"))

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
