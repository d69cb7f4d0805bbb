from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    cancellation_policy_id = fields.Many2one(
        "session.cancellation.policy",
        string="Cancellation Policy",
        default=lambda self: self.env.company.session_default_cancellation_policy_id,
        help="What cancelling late or not showing up costs the client; frozen on the order at purchase.",
    )
