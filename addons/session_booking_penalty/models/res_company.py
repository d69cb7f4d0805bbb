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
        return self._expert_account_on_first_use(
            "session_penalty_account_id",
            {"name": _("Cancellation Penalties"), "account_type": "income_other"},
            numbered_like="income",
            default_prefix="4",
        )
