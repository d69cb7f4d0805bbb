from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    question_team_id = fields.Many2one(
        related="website_id.crm_default_team_id",
        readonly=False,
        string="Questions Sales Team",
        help="Team of the website questions that concern no expert in particular.",
    )
    question_user_id = fields.Many2one(
        related="website_id.crm_default_user_id",
        readonly=False,
        string="Questions Salesperson",
        help="Salesperson of the website questions that concern no expert in particular.",
    )
