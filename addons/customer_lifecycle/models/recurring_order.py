from odoo import models


class RecurringOrder(models.Model):
    _inherit = "recurring.order"

    def action_complete(self, reason):
        """Finishing a recurring order early is its resiliation: a customer
        whose last running recurring order ends so is Terminated."""
        res = super().action_complete(reason)
        self.commercial_partner_id._customer_terminate(self[:1].end_reason)
        return res
