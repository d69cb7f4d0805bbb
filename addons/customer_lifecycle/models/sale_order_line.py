from odoo import fields, models

from .res_partner import BLOCKED_STATUSES


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # The client's status on its lines: the slot planner and the booking read
    # it with the package line they fetch anyway instead of reading the
    # client (a query on every slot computation); the ORM keeps it current
    # when the status changes.
    order_customer_status = fields.Selection(
        related="order_partner_id.commercial_partner_id.customer_status", store=True, string="Customer Status"
    )

    def _session_bookable_error(self):
        if self.order_customer_status in BLOCKED_STATUSES:
            message = self.order_id.partner_id.sudo()._customer_blocked_message()
            if message:
                return message
        return super()._session_bookable_error()
