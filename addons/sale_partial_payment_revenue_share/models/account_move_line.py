from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def _revenue_share_expert(self):
        """A down payment line (the invoice of one part, or its deduction on
        the final invoice) sells the order's offer: it is shared with the
        offer's expert, so the split follows each payment's invoice."""
        # sale's own flag on the line first: other lines read nothing more
        if self.is_downpayment and not self.move_id.reversed_entry_id:
            down_payment = self.sale_line_ids.filtered("is_downpayment")[:1]
            if down_payment:
                return down_payment.order_id.offer_line_id.product_id.product_tmpl_id.expert_id
        return super()._revenue_share_expert()
