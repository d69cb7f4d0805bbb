from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round

SETTLEABLE_PAYMENT_STATES = ("paid", "in_payment", "reversed")


class RevenueShareLine(models.Model):
    _name = "revenue.share.line"
    _description = "Revenue Share Line"
    _order = "date desc, id desc"
    _rec_name = "move_line_id"
    _check_company_auto = True

    move_line_id = fields.Many2one(
        "account.move.line", string="Invoice Line", readonly=True, index=True, ondelete="set null"
    )
    move_id = fields.Many2one(
        "account.move", string="Invoice", readonly=True, required=True, index=True, ondelete="cascade"
    )
    move_type = fields.Selection(related="move_id.move_type", string="Invoice Type")
    origin_move_id = fields.Many2one(
        "account.move",
        string="Reversed Invoice",
        readonly=True,
        index="btree_not_null",
        help="The invoice a credit note gives back: the credit note's shares are settled with it.",
    )
    is_write_off = fields.Boolean(
        string="Write-off",
        readonly=True,
        help="The correction of an invoice line's share for the part of the invoice that was written off "
        "(negative), or for a write-off undone (positive).",
    )
    expert_id = fields.Many2one("res.users", string="Expert", readonly=True, required=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id", store=True, string="Currency")
    date = fields.Date(readonly=True, required=True, index=True, help="Invoice date.")
    rate = fields.Float(
        string="Platform Rate (%)",
        digits=(5, 2),
        readonly=True,
        help="Platform share in force when invoiced, in percent of the untaxed amount.",
    )
    rate_ratio = fields.Float(
        string="Rate",
        compute="_compute_rate_ratio",
        digits=(5, 4),
        help="Platform share in force when invoiced (shown as a percentage).",
    )
    base_amount = fields.Monetary(string="Untaxed Amount", readonly=True)
    expert_amount = fields.Monetary(string="Expert Share", readonly=True)
    platform_amount = fields.Monetary(string="Platform Share", readonly=True)
    state = fields.Selection(
        [("to_settle", "To Settle"), ("settled", "Settled"), ("cancelled", "Cancelled")],
        default="to_settle",
        required=True,
        readonly=True,
        index=True,
    )
    invoice_payment_state = fields.Selection(
        related="move_id.payment_state", store=True, string="Payment Status", readonly=True
    )
    is_settleable = fields.Boolean(
        string="Settleable",
        compute="_compute_is_settleable",
        store=True,
        index=True,
        help="To settle, and its invoice is posted or paid as the company's setting requires.",
    )
    settlement_id = fields.Many2one(
        "revenue.share.settlement", string="Settlement", readonly=True, index="btree_not_null", copy=False
    )

    _sql_constraints = [
        (
            "split_exact",
            "CHECK (expert_amount + platform_amount = base_amount)",
            "The expert's and the platform's shares must add up to the untaxed amount.",
        ),
        (
            "settled_has_settlement",
            "CHECK ((state = 'settled') = (settlement_id IS NOT NULL))",
            "A share line is settled exactly when it belongs to a settlement.",
        ),
        ("rate_range", "CHECK (rate >= 0 AND rate <= 100)", "The platform share must be between 0 and 100 %."),
    ]

    def init(self):
        res = super().init()
        # one active invoiced share line per invoice line: posting twice never
        # shares twice (write-off corrections come on top of it)
        self.env.cr.execute(
            """
            DROP INDEX IF EXISTS revenue_share_line_move_line_active_uniq;
            CREATE UNIQUE INDEX IF NOT EXISTS revenue_share_line_invoiced_move_line_uniq
                ON revenue_share_line (move_line_id)
             WHERE state != 'cancelled' AND move_line_id IS NOT NULL AND is_write_off IS NOT TRUE
            """
        )
        return res

    @api.depends(
        "state",
        "invoice_payment_state",
        "move_id.state",
        "origin_move_id.state",
        "origin_move_id.payment_state",
        "company_id.revenue_share_settle_on",
    )
    def _compute_is_settleable(self):
        """Settleable once the invoice is paid (or posted, by setting). A
        credit note's shares are settleable as soon as the invoice it gives
        back is: the settlement nets them with the invoice's shares (see
        :meth:`revenue.share.settlement._settle_expert`), so an expert is never
        paid for revenue that was given back."""
        for line in self:
            origin = line.origin_move_id
            # a credit note giving back an invoice follows that invoice (its
            # own payment state only says it was applied, maybe to it)
            paid = (
                origin.state == "posted" and origin.payment_state in SETTLEABLE_PAYMENT_STATES
                if origin
                else line.invoice_payment_state in SETTLEABLE_PAYMENT_STATES
            )
            line.is_settleable = (
                line.state == "to_settle"
                and line.move_id.state == "posted"
                and (line.company_id.revenue_share_settle_on == "posted" or paid)
            )

    @api.depends("rate")
    def _compute_rate_ratio(self):
        for line in self:
            line.rate_ratio = line.rate / 100.0

    @api.depends("move_id.name", "product_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = " - ".join(filter(None, [line.move_id.name, line.product_id.display_name]))

    @api.model
    def _split_amount(self, base, rate, currency):
        """(expert share, platform share) of ``base`` for a platform share of
        ``rate`` %: the expert's share is rounded in the currency's precision,
        the platform gets the remainder, so both always add up to ``base``."""
        expert_amount = currency.round(base * (100.0 - rate) / 100.0)
        platform_amount = float_round(base - expert_amount, precision_digits=currency.decimal_places)
        return expert_amount, platform_amount

    def _revenue_share_prepare_adjustment_values(self, line_shares, kept_ratio):
        """Values of the write-off share line that brings ``line_shares`` (the
        active shares of this invoiced share's invoice line) to this share's
        untaxed amount times ``kept_ratio``, or None when they already add up.

        The expert's part of the target is rounded once, from the target
        itself, so the shares of a line always split it as an invoice of the
        kept amount would."""
        self.ensure_one()
        currency = self.currency_id
        target = currency.round(self.base_amount * kept_ratio)
        delta = currency.round(target - sum(line_shares.mapped("base_amount")))
        if currency.is_zero(delta):
            return None
        target_expert, _target_platform = self._split_amount(target, self.rate, currency)
        expert_amount = currency.round(target_expert - sum(line_shares.mapped("expert_amount")))
        return {
            "move_line_id": self.move_line_id.id,
            "move_id": self.move_id.id,
            "origin_move_id": self.origin_move_id.id,
            "is_write_off": True,
            "expert_id": self.expert_id.id,
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "product_id": self.product_id.id,
            "date": self.date,
            "rate": self.rate,
            "base_amount": delta,
            "expert_amount": expert_amount,
            "platform_amount": float_round(delta - expert_amount, precision_digits=currency.decimal_places),
        }

    def write(self, vals):
        if "settlement_id" in vals and not self.env.context.get("revenue_share_settling"):
            raise UserError(_("Share lines are settled and freed by their settlements only."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_settled(self):
        if any(line.state == "settled" for line in self):
            raise UserError(_("A settled share line cannot be deleted; cancel its settlement first."))
