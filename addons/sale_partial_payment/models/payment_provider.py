from odoo import fields, models


class PaymentProvider(models.Model):
    _inherit = "payment.provider"

    fee_percent = fields.Float(
        string="Fee (%)",
        help="What the provider keeps of each payment, when it does not report its fee itself "
        "(Stripe reports it on the charge).",
    )
    fee_fixed = fields.Float(
        string="Fixed Fee",
        help="What the provider keeps per payment on top of the percentage, in the payment's currency.",
    )

    def _partial_fee_by_rule(self, amount):
        """The fee the operator's rule on this provider gives for ``amount``."""
        self.ensure_one()
        if not amount:
            return 0.0
        sign = 1 if amount > 0 else -1
        return sign * (abs(amount) * self.fee_percent / 100.0 + self.fee_fixed)
