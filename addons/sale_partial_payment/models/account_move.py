from odoo import _, fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    partial_payment_order_id = fields.Many2one(
        "sale.order",
        string="Order Paid",
        compute="_compute_partial_payment_order_id",
        help="The order this customer invoice bills: staff take its payments from the invoice too.",
    )

    def _compute_partial_payment_order_id(self):
        for move in self:
            orders = move.sudo().invoice_line_ids.sale_line_ids.order_id if move.move_type == "out_invoice" else None
            move.partial_payment_order_id = orders[:1] if orders else False

    def action_partial_take_payment(self):
        """Take a Payment from the invoice: the order's wizard, same rules
        and access (experts on their own orders only)."""
        self.ensure_one()
        self.check_access_rights("read")
        self.check_access_rule("read")
        order = self.partial_payment_order_id
        if not order or self.state != "posted":
            raise UserError(
                _("%s is not a posted invoice of an order: record its payment with Register Payment.", self.name)
            )
        return order.with_env(self.env)._partial_action_take_invoice_payment(self)
