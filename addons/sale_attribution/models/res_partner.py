from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    sale_plan_ids = fields.One2many("sale.plan", "partner_id", string="Sales Plans")
