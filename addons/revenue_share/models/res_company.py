from odoo import _, api, fields, models


class ResCompany(models.Model):
    _name = "res.company"
    _inherit = ["res.company", "expert.rate.mixin"]
    _expert_rate_fields = ("revenue_share_rate",)

    revenue_share_rate = fields.Float(
        string="Platform Share (%)",
        default=20.0,
        digits=(5, 2),
        help="Part of every expert sale kept by the platform, in percent of the untaxed amount; "
        "the expert gets the rest. Experts and products may have their own rate.",
    )
    revenue_share_settle_on = fields.Selection(
        [("posted", "Invoice posted"), ("paid", "Invoice paid")],
        string="Settle Shares When",
        default="paid",
        required=True,
        help="Whether an expert's share can be settled as soon as the invoice is posted, "
        "or only once the client has paid it.",
    )
    revenue_share_journal_id = fields.Many2one(
        "account.journal",
        string="Expert Payouts Journal",
        domain="[('type', '=', 'purchase'), ('company_id', '=', id)]",
        help="Purchase journal of the vendor bills that settle the experts' shares.",
    )

    def _revenue_share_journal(self):
        """The "Expert payouts" purchase journal, created on first use."""
        self.ensure_one()
        journal = self.revenue_share_journal_id
        if journal or not self.chart_template:
            return journal
        account = self._expert_create_account(
            {"name": _("Expert Revenue Share"), "account_type": "expense_direct_cost"},
            numbered_like="expense",
            default_prefix="6",
        )
        Journal = self.env["account.journal"].sudo().with_company(self)
        code = "EXPP"
        suffix = 1
        while Journal.search_count([("company_id", "=", self.id), ("code", "=", code)]):
            code = f"EXP{suffix}"
            suffix += 1
        journal = Journal.create(
            {
                "name": _("Expert payouts"),
                "code": code,
                "type": "purchase",
                "company_id": self.id,
                "default_account_id": account.id,
            }
        )
        self.sudo().revenue_share_journal_id = journal
        return journal

    @api.model
    def _revenue_share_setup_journals(self):
        """Create the Expert payouts journal of every company with a chart of accounts."""
        for company in self.sudo().search([("chart_template", "!=", False)]):
            company._revenue_share_journal()
