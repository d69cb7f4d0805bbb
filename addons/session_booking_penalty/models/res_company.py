from odoo import _, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    session_default_cancellation_policy_id = fields.Many2one(
        "session.cancellation.policy", string="Default Cancellation Policy"
    )
    session_penalty_account_id = fields.Many2one(
        "account.account",
        string="Penalty Income Account",
        domain="[('account_type', 'in', ('income', 'income_other')), ('deprecated', '=', False)]",
        help="Income account of cancellation and no-show penalties, kept apart from package sales.",
    )

    def _session_penalty_account(self):
        """The penalty income account, created on first use."""
        self.ensure_one()
        if not self.session_penalty_account_id and self.chart_template:
            Account = self.env["account.account"].sudo().with_company(self)
            income = Account.search(
                [("company_id", "=", self.id), ("account_type", "=", "income")], order="code", limit=1
            )
            prefix = (income.code or "4")[:2]
            digits = max(len(income.code or ""), 6)
            self.sudo().session_penalty_account_id = Account.create(
                {
                    "name": _("Cancellation Penalties"),
                    "code": Account._search_new_account_code(self, digits, prefix),
                    "account_type": "income_other",
                    "company_id": self.id,
                }
            )
        return self.session_penalty_account_id
