from odoo import fields, models


class ProductTemplate(models.Model):
    _name = "product.template"
    _inherit = ["product.template", "expert.rate.mixin"]
    _expert_rate_fields = ("revenue_share_rate",)

    revenue_share_custom_rate = fields.Boolean(
        string="Own Platform Share",
        groups="account.group_account_manager",
        help="Sales of this product use their own platform share instead of the expert's or the company's.",
    )
    revenue_share_rate = fields.Float(
        string="Platform Share (%)", digits=(5, 2), default=20.0, groups="account.group_account_manager"
    )
