from odoo import fields, models


class ProductTemplate(models.Model):
    _name = "product.template"
    _inherit = ["product.template", "revenue.share.rate.mixin"]

    revenue_share_custom_rate = fields.Boolean(
        help="Sales of this product use their own platform share instead of the expert's or the company's."
    )
