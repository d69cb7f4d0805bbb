import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

STRIPE_ACCOUNT_RE = re.compile(r"^acct_[A-Za-z0-9]{6,}$")


class ResUsers(models.Model):
    _name = "res.users"
    _inherit = ["res.users", "revenue.share.rate.mixin"]

    revenue_share_custom_rate = fields.Boolean(
        help="This expert's sales use their own platform share instead of the company's "
        "(a product's own share still wins)."
    )
    stripe_account_id = fields.Char(
        string="Stripe Connected Account",
        copy=False,
        groups="account.group_account_manager",
        help="The expert's Stripe Connect account (acct_...). When set, posting a settlement "
        "transfers the expert's share to it.",
    )
    revenue_share_line_ids = fields.One2many("revenue.share.line", "expert_id", string="Revenue Share Lines")
    revenue_share_to_settle = fields.Monetary(
        string="Share to Settle",
        compute="_compute_revenue_share_totals",
        currency_field="revenue_share_currency_id",
        help="Expert's share of the lines not settled yet, settleable or not.",
    )
    revenue_share_settled = fields.Monetary(
        string="Share Settled",
        compute="_compute_revenue_share_totals",
        currency_field="revenue_share_currency_id",
    )
    revenue_share_currency_id = fields.Many2one(related="company_id.currency_id", string="Share Currency")
    revenue_share_settlement_count = fields.Integer(compute="_compute_revenue_share_totals")

    @api.constrains("stripe_account_id")
    def _check_stripe_account_id(self):
        for user in self:
            if user.stripe_account_id and not STRIPE_ACCOUNT_RE.match(user.stripe_account_id):
                raise ValidationError(
                    _(
                        "%(account)s is not a Stripe connected account id: it looks like acct_1A2b3C4d5E.",
                        account=user.stripe_account_id,
                    )
                )

    def _compute_revenue_share_totals(self):
        Line = self.env["revenue.share.line"]
        sums = {
            (expert, state): amount
            for expert, state, amount in Line._read_group(
                [("expert_id", "in", self.ids), ("state", "in", ("to_settle", "settled"))],
                ["expert_id", "state"],
                ["expert_amount:sum"],
            )
        }
        counts = dict(
            self.env["revenue.share.settlement"]._read_group(
                [("expert_id", "in", self.ids), ("state", "!=", "cancelled")], ["expert_id"], ["__count"]
            )
        )
        for user in self:
            user.revenue_share_to_settle = sums.get((user, "to_settle"), 0.0)
            user.revenue_share_settled = sums.get((user, "settled"), 0.0)
            user.revenue_share_settlement_count = counts.get(user, 0)

    def _revenue_share_rate_for(self, company):
        """The platform share (%) of this expert's sales in ``company``."""
        self.ensure_one()
        own = self._revenue_share_own_rate()
        return company.revenue_share_rate if own is None else own

    def action_view_revenue_share_lines(self):
        self.ensure_one()
        return self._expert_window_action(
            "revenue_share.revenue_share_line_action",
            [("expert_id", "=", self.id)],
            {"search_default_filter_to_settle": 1},
        )

    def action_view_revenue_share_settlements(self):
        self.ensure_one()
        return self._expert_window_action(
            "revenue_share.revenue_share_settlement_action",
            [("expert_id", "=", self.id)],
            {"default_expert_id": self.id},
        )
