from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    revenue_share_custom_rate = fields.Boolean(
        string="Own Platform Share",
        groups="account.group_account_manager",
        help="Sales of this product use their own platform share instead of the expert's or the company's.",
    )
    revenue_share_rate = fields.Float(
        string="Platform Share (%)", digits=(5, 2), default=20.0, groups="account.group_account_manager"
    )

    @api.constrains("revenue_share_rate")
    def _check_revenue_share_rate(self):
        for product in self:
            if not 0.0 <= product.revenue_share_rate <= 100.0:
                raise ValidationError(_("The platform share must be between 0 and 100 %."))
