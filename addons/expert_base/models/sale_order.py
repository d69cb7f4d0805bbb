from odoo import models

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

    def _prepare_invoice(self):
        """Invoices of online orders (the automatic invoice of a paid order
        included) carry the order's number as their Reference, as the expert
        guide's invoice list shows it: experts find a paid online invoice by
        it."""
        values = super()._prepare_invoice()
        if self.website_id and not values.get("ref"):
            values["ref"] = self.name
        return values
