from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

FROZEN_TERMS = (
    "late_window_hours",
    "fee_type",
    "fee_amount",
    "no_show_fee",
    "consume_credit_on_late_cancel",
    "grace_minutes",
    "currency_id",
    "penalty_product_id",
    "no_show_product_id",
)


class SessionCancellationPolicy(models.Model):
    _name = "session.cancellation.policy"
    _description = "Session Cancellation Policy"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    currency_id = fields.Many2one("res.currency", required=True, default=lambda self: self.env.company.currency_id)
    late_window_hours = fields.Float(
        string="Late Window (hours)",
        default=24.0,
        help="A client cancelling less than this before the start cancels late.",
    )
    grace_minutes = fields.Integer(
        string="Grace Period (minutes)",
        default=3,
        help="Cancelling within these minutes after booking is always free.",
    )
    fee_type = fields.Selection(
        [("fixed", "Fixed amount"), ("percent", "Percentage of the session price")],
        default="fixed",
        required=True,
    )
    fee_amount = fields.Float(
        string="Late Cancellation Fee",
        default=15.0,
        digits="Product Price",
        help="Fixed amount, or percentage of the session price (package price / sessions).",
    )
    no_show_fee = fields.Monetary(
        string="No-show Fee",
        default=15.0,
        help="Invoiced when the expert marks the client absent; 0 for none.",
    )
    consume_credit_on_late_cancel = fields.Boolean(
        string="Late Cancellation Uses the Credit",
        default=True,
    )
    penalty_product_id = fields.Many2one(
        "product.product",
        string="Late Cancellation Product",
        required=True,
        default=lambda self: self.env.ref("session_booking_penalty.product_late_cancellation_fee", False),
        domain="[('type', '=', 'service')]",
        help="Service invoiced for late cancellations; its taxes apply.",
    )
    no_show_product_id = fields.Many2one(
        "product.product",
        string="No-show Product",
        required=True,
        default=lambda self: self.env.ref("session_booking_penalty.product_no_show_fee", False),
        domain="[('type', '=', 'service')]",
        help="Service invoiced when the client does not show up; its taxes apply.",
    )
    description = fields.Html(translate=True, help="Shown to clients with the package.")

    _sql_constraints = [
        ("late_window_positive", "CHECK(late_window_hours >= 0)", "The late window cannot be negative."),
        ("grace_positive", "CHECK(grace_minutes >= 0)", "The grace period cannot be negative."),
        ("fees_positive", "CHECK(fee_amount >= 0 AND no_show_fee >= 0)", "Fees cannot be negative."),
    ]

    @api.constrains("fee_type", "fee_amount")
    def _check_percent(self):
        for policy in self:
            if policy.fee_type == "percent" and policy.fee_amount > 100:
                raise ValidationError(_("A percentage fee cannot exceed 100%."))

    def write(self, vals):
        # the platform's: others are refused for their rights, not told the
        # policy was sold
        self.check_access_rights("write")
        if any(term in vals for term in FROZEN_TERMS):
            used = (
                self.env["sale.order.line"]
                .sudo()
                .search_count([("session_cancellation_policy_id", "in", self.ids), ("state", "=", "sale")], limit=1)
            )
            if used:
                raise UserError(
                    _(
                        "This policy applies to packages already sold: its terms cannot change. "
                        "Archive it and create a new policy for future sales."
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------

    def _is_late(self, booking, when):
        """Whether cancelling ``booking`` at ``when`` (naive UTC) is late."""
        self.ensure_one()
        if booking.booked_at and when < booking.booked_at + timedelta(minutes=self.grace_minutes):
            return False
        return when > booking.start - timedelta(hours=self.late_window_hours)

    def _late_fee(self, booking):
        """Late cancellation fee in the order's currency."""
        self.ensure_one()
        line = booking.sale_line_id
        session_price = line.price_subtotal / line.session_total if line.session_total else 0.0
        return self._late_fee_amount(session_price, line.order_id.currency_id, line.order_id.company_id)

    def _penalty_product(self, kind):
        """The product a penalty of ``kind`` (``late``, ``no_show``) invoices."""
        self.ensure_one()
        return self.penalty_product_id if kind == "late" else self.no_show_product_id

    def _no_show_fee(self, booking):
        self.ensure_one()
        order = booking.sale_line_id.order_id
        return self._no_show_fee_amount(order.currency_id, order.company_id)

    def _late_fee_amount(self, session_price, currency, company):
        """Late cancellation fee before tax, in ``currency``, of a session
        worth ``session_price`` (before tax, in ``currency``)."""
        self.ensure_one()
        if self.fee_type == "percent":
            return currency.round(session_price * self.fee_amount / 100)
        return self.currency_id._convert(self.fee_amount, currency, company, fields.Date.context_today(self))

    def _no_show_fee_amount(self, currency, company):
        """No-show fee before tax, in ``currency``."""
        self.ensure_one()
        return self.currency_id._convert(self.no_show_fee, currency, company, fields.Date.context_today(self))

    def _fee_amounts(self, kind, fee, currency, fiscal_position, partner, company):
        """Untaxed, tax and total of a penalty of ``kind`` (``late``,
        ``no_show``) whose fee before tax is ``fee``: the penalty product's
        taxes mapped by the fiscal position and computed as on the penalty
        invoice's line (one line: the invoice total)."""
        self.ensure_one()
        product = self._penalty_product(kind).with_company(company)
        taxes = fiscal_position.map_tax(product.taxes_id.filtered(lambda tax: tax.company_id == company))
        amounts = taxes.compute_all(fee, currency=currency, quantity=1.0, product=product, partner=partner)
        return {
            "untaxed": amounts["total_excluded"],
            "tax": currency.round(amounts["total_included"] - amounts["total_excluded"]),
            "total": amounts["total_included"],
            "currency": currency,
        }
