from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    customer_close_after_days = fields.Integer(
        string="Close Customers After (days)",
        config_parameter="customer_lifecycle.close_after_days",
        help="Activated customers without an order for this many days and no recurring order running are "
        "closed automatically; 0 never closes them.",
    )
