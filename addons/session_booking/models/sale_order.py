from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import float_compare


class SaleOrder(models.Model):
    _inherit = "sale.order"

    session_booking_ids = fields.One2many(
        "session.booking", "sale_order_id", string="Sessions", groups="expert_base.group_expert"
    )
    # counted for anyone who may read the order, experts or not
    session_booking_count = fields.Integer(compute="_compute_session_booking_count", compute_sudo=True)
    has_session_package = fields.Boolean(compute="_compute_booking_status", store=True)
    booking_status = fields.Selection(
        [
            ("to_book", "To Book"),
            ("partially_booked", "Partially Booked"),
            ("fully_booked", "Fully Booked"),
            ("completed", "Completed"),
        ],
        compute="_compute_booking_status",
        store=True,
        help="How far the clients' session credits of this order are used.",
    )
    fulfillment_state = fields.Selection(
        [
            ("pending", "Payment Pending"),
            ("paid", "Paid"),
            ("processing", "Processing"),
            ("completed", "Completed"),
        ],
        compute="_compute_fulfillment_state",
        store=True,
        help="Pending until paid; processing while sessions are used; " "completed when every session took place.",
    )
    # stored apart from the fulfillment state: booking and cancelling change
    # the booking status, they do not re-read the order's payments
    session_paid = fields.Boolean(
        string="Packages Paid",
        compute="_compute_session_paid",
        store=True,
        help="A done payment transaction covers the total, or its posted customer invoices do and are paid.",
    )

    def _compute_session_booking_count(self):
        counts = dict(
            self.env["session.booking"]._read_group([("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"])
        )
        for order in self:
            order.session_booking_count = counts.get(order, 0)

    @api.depends(
        "order_line.is_session_package",
        "order_line.session_total",
        "order_line.session_remaining",
        "session_booking_ids.state",
    )
    def _compute_booking_status(self):
        for order in self:
            lines = order.order_line.filtered("is_session_package")
            order.has_session_package = bool(lines)
            if not lines:
                order.booking_status = False
                continue
            total = sum(lines.mapped("session_total"))
            remaining = sum(lines.mapped("session_remaining"))
            if remaining == total:
                order.booking_status = "to_book"
            elif remaining:
                order.booking_status = "partially_booked"
            elif "booked" in order.session_booking_ids.mapped("state"):
                order.booking_status = "fully_booked"
            else:
                order.booking_status = "completed"

    @api.depends(
        "amount_total",
        "transaction_ids.state",
        "order_line.invoice_lines.move_id.payment_state",
    )
    def _compute_session_paid(self):
        for order in self:
            order.session_paid = order._session_is_paid()

    @api.depends("state", "session_paid", "booking_status")
    def _compute_fulfillment_state(self):
        for order in self:
            if order.state != "sale" or not order.session_paid:
                order.fulfillment_state = "pending"
            elif order.booking_status in (False, "to_book"):
                order.fulfillment_state = "paid"
            elif order.booking_status == "completed":
                order.fulfillment_state = "completed"
            else:
                order.fulfillment_state = "processing"

    def _session_is_paid(self):
        """Paid: a done payment transaction covers the total, or its posted
        customer invoices cover the total and are paid."""
        self.ensure_one()
        rounding = self.currency_id.rounding
        if float_compare(self.amount_total, 0.0, precision_rounding=rounding) <= 0:
            return True
        paid_online = sum(tx.amount for tx in self.sudo().transaction_ids if tx.state == "done")
        if float_compare(paid_online, self.amount_total, precision_rounding=rounding) >= 0:
            return True
        invoices = self.sudo().order_line.invoice_lines.move_id.filtered(
            lambda move: move.state == "posted" and move.move_type == "out_invoice"
        )
        return (
            bool(invoices)
            and all(move.payment_state in ("paid", "in_payment") for move in invoices)
            and float_compare(sum(invoices.mapped("amount_total")), self.amount_total, precision_rounding=rounding) >= 0
        )

    def _action_confirm(self):
        self.order_line._session_freeze_terms()
        return super()._action_confirm()

    def action_view_session_bookings(self):
        self.ensure_one()
        return self._expert_window_action(
            "session_booking.session_booking_action",
            [("sale_order_id", "=", self.id)],
            {"default_sale_order_id": self.id, "search_default_upcoming": 0},
        )

    def action_open_session_booking_wizard(self):
        self.ensure_one()
        return self.env["session.booking.wizard"]._action_open(
            self.order_line.filtered(lambda ln: ln.is_session_package and ln.session_remaining)[:1]
        )

    def _session_demo_pay_and_book(self):
        """Demo data (``demo/sale_order_demo.xml``): confirm, invoice and pay
        the orders, then book through the booking API: two sessions ahead on
        the first free slots of the next weeks, as the client when it has a
        portal login, and one done a week ago (recorded with the import API:
        the past cannot be booked)."""
        for order in self.filtered(lambda o: o.state in ("draft", "sent")):
            order.action_confirm()
            invoice = order._create_invoices()
            invoice.action_post()
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({})._create_payments()
            line = order.order_line.filtered("is_session_package")[:1]
            client = order.partner_id.user_ids[:1]
            if client:
                line = line.with_user(client)
            now = fields.Datetime.now()
            slots = line._session_get_free_slots(now, now + timedelta(days=21))
            for start in slots[:1] + slots[8:9]:
                line._session_book(start)
            week_ago = (now - timedelta(days=7)).replace(hour=10, minute=0, second=0, microsecond=0)
            self.env["session.booking"]._import_sessions(
                [{"sale_line_id": line.id, "start": week_ago, "state": "done", "booked_by": "client"}]
            )
