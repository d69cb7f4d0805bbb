from odoo import api, fields, models

CANCELLED_STATES = ("cancelled", "late_cancelled", "no_show")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    session_cancellation_ids = fields.One2many(
        "session.booking",
        "sale_order_id",
        string="Cancellations",
        domain=[("state", "in", CANCELLED_STATES)],
        readonly=True,
        groups="expert_base.group_expert",
    )
    session_cancellation_count = fields.Integer(compute="_compute_session_cancellation_count", compute_sudo=True)
    session_penalty_count = fields.Integer(compute="_compute_session_cancellation_count", compute_sudo=True)

    @api.depends("session_cancellation_ids.penalty_move_id")
    def _compute_session_cancellation_count(self):
        for order in self:
            order.session_cancellation_count = len(order.session_cancellation_ids)
            order.session_penalty_count = len(order.session_cancellation_ids.penalty_move_id)

    def action_view_session_penalties(self):
        self.ensure_one()
        return self._expert_window_action(
            "account.action_move_out_invoice_type",
            [("session_booking_id.sale_order_id", "=", self.id)],
            {"create": False, "default_move_type": "out_invoice"},
        )
