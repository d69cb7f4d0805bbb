from math import floor

from odoo import _, api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    session_unlocked = fields.Integer(
        string="Sessions Unlocked",
        compute="_compute_session_unlocked",
        help="The sessions of the package the money paid so far unlocks (an order paid in parts).",
    )

    @api.depends("session_total", "session_used", "order_id.amount_paid", "order_id.partial_payment_state")
    def _compute_session_unlocked(self):
        for line in self:
            line.session_unlocked = line._session_unlocked_count()

    def _session_unlocked_count(self):
        """THE rule of credits that follow the money: a package paid in part
        unlocks its sessions in proportion to what was paid (rounded down, at
        least one once the first part is paid); all of them once the order is
        fully paid or confirmed; only those already booked once rejected."""
        self.ensure_one()
        order = self.order_id
        if not order.allow_partial_payment or order.partial_payment_state == "confirmed":
            return self.session_total
        if order.partial_payment_state == "rejected":
            return min(self.session_used, self.session_total)
        if not order.amount_paid:
            return 0
        unlocked = max(floor(self.session_total * order._partial_unlocked_ratio() + 1e-9), 1)
        return min(unlocked, self.session_total)

    def _session_payment_error(self):
        """Partial orders: credits are bookable as the money unlocks them."""
        self.ensure_one()
        order = self.order_id
        if not order.allow_partial_payment:
            return super()._session_payment_error()
        if order.partial_payment_state == "rejected":
            return _("The payments of this order were rejected: no further session can be booked on it.")
        if not order.amount_paid:
            return super()._session_payment_error()
        unlocked = self._session_unlocked_count()
        if self.session_used >= unlocked:
            return _(
                "%(unlocked)s of the %(total)s sessions of this package are unlocked by what is paid so far "
                "(%(paid)s of %(amount)s): the next part unlocks more.",
                unlocked=unlocked,
                total=self.session_total,
                paid=order._partial_format(order.amount_paid),
                amount=order._partial_format(order.amount_total),
            )
        return None
