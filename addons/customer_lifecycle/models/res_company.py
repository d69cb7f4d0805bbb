from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    customer_properties_definition = fields.PropertiesDefinition(
        "Customer Extended Information",
        help="The extra fields of customers (Extended information tab), defined by the platform without code.",
    )
