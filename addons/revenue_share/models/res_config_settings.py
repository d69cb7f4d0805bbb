from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    revenue_share_rate = fields.Float(related="company_id.revenue_share_rate", readonly=False)
    revenue_share_settle_on = fields.Selection(related="company_id.revenue_share_settle_on", readonly=False)
    revenue_share_journal_id = fields.Many2one(related="company_id.revenue_share_journal_id", readonly=False)
