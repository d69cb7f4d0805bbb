from odoo import models


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "expert.client.mixin"]

    _expert_client_fields = ("partner_id", "partner_shipping_id", "invoice_line_ids", "line_ids", "invoice_user_id")

    def _link_client_experts(self):
        """The customer of an invoice is a client of the experts who read the
        invoice: the experts of its products and its salesperson when an
        expert (the invoice rules)."""
        for move in self.sudo().filtered(lambda move: move.is_sale_document(include_receipts=True)):
            experts = move.invoice_line_ids.product_id.product_tmpl_id.expert_id
            experts |= move.invoice_user_id.filtered("is_restricted_expert")
            (move.partner_id | move.partner_shipping_id)._link_client_experts(experts)
