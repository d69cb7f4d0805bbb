from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    support_project_id = fields.Many2one(related="company_id.support_project_id", readonly=False)
    support_user_ids = fields.Many2many(related="company_id.support_user_ids", readonly=False)
