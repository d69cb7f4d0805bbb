from odoo import models


class PaymentProvider(models.Model):
    _inherit = "payment.provider"

    def _is_tokenization_required(self, sale_order_id=None, **kwargs):
        """An order selling a recurring package saves the card it is paid
        with: the next periods are charged on it (the checkout says so)."""
        if sale_order_id:
            order = self.env["sale.order"].sudo().browse(sale_order_id).exists()
            if order and order._recurring_requires_token():
                return True
        return super()._is_tokenization_required(sale_order_id=sale_order_id, **kwargs)
