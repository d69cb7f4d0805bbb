from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    allow_partial_payment = fields.Boolean(
        help="Clients may pay this offer in several payments: a first part, then the next parts.",
    )
    partial_first_percent = fields.Float(
        string="Minimum First Payment (%)",
        default=30.0,
        help="The least share of the order's total the first payment covers.",
    )
    partial_payment_count = fields.Integer(
        string="Number of Partial Payments",
        default=2,
        help="How many payments the order is split into (the first one included); 0 lets the client "
        "pay free amounts until the total is paid, each at least the minimum first payment (or what remains).",
    )
    partial_interval_days = fields.Integer(
        string="Days Between Payments",
        default=30,
        help="When each next part is due, counted from the previous payment.",
    )

    @api.constrains("allow_partial_payment", "partial_first_percent", "partial_payment_count", "partial_interval_days")
    def _check_partial_payment_terms(self):
        for template in self.filtered("allow_partial_payment"):
            if not 0 < template.partial_first_percent < 100:
                raise ValidationError(_("The first payment of a partial payment is between 0 and 100 % excluded."))
            if template.partial_payment_count < 0 or template.partial_payment_count == 1:
                raise ValidationError(_("An offer paid in parts is paid in at least two payments (0: free amounts)."))
            if template.partial_interval_days < 0:
                raise ValidationError(_("The days between payments cannot be negative."))

    def write(self, vals):
        # the terms of partial payments are the platform's, as prices are
        partial_fields = {
            "allow_partial_payment",
            "partial_first_percent",
            "partial_payment_count",
            "partial_interval_days",
        }
        if set(vals) & partial_fields and not self.env.su and self.env.user._is_restricted_expert():
            raise AccessError(_("The platform sets how an offer may be paid in parts."))
        return super().write(vals)
