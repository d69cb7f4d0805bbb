from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _session_bookable_error(self):
        message = self.order_id.partner_id.sudo()._customer_blocked_message()
        return message or super()._session_bookable_error()
