from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    session_default_cancellation_policy_id = fields.Many2one(
        related="company_id.session_default_cancellation_policy_id", readonly=False
    )
    session_penalty_account_id = fields.Many2one(related="company_id.session_penalty_account_id", readonly=False)
