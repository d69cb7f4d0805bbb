from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    invoice_resend_enabled = fields.Boolean(related="company_id.invoice_resend_enabled", readonly=False)
    invoice_resend_interval_days = fields.Integer(related="company_id.invoice_resend_interval_days", readonly=False)
    invoice_resend_max_count = fields.Integer(related="company_id.invoice_resend_max_count", readonly=False)
    invoice_resend_start = fields.Selection(related="company_id.invoice_resend_start", readonly=False)
    invoice_resend_template_id = fields.Many2one(related="company_id.invoice_resend_template_id", readonly=False)
    invoice_pdf_login_required = fields.Boolean(related="company_id.invoice_pdf_login_required", readonly=False)
    invoice_statement_enabled = fields.Boolean(related="company_id.invoice_statement_enabled", readonly=False)
    invoice_statement_day = fields.Integer(related="company_id.invoice_statement_day", readonly=False)
