from odoo import api, models


class AccountMove(models.Model):
    _inherit = "account.move"

    @api.model_create_multi
    def create(self, vals_list):
        moves = super().create(vals_list)
        moves._link_client_experts()
        return moves

    def write(self, vals):
        res = super().write(vals)
        if {"partner_id", "partner_shipping_id", "invoice_line_ids", "line_ids", "invoice_user_id"} & set(vals):
            self._link_client_experts()
        return res

    def _link_client_experts(self):
        """The customer of an invoice is a client of the experts who read the
        invoice: the experts of its products and its salesperson when an
        expert (the invoice rules)."""
        for move in self.sudo().filtered(lambda move: move.is_sale_document(include_receipts=True)):
            experts = move.invoice_line_ids.product_id.product_tmpl_id.expert_id
            experts |= move.invoice_user_id.filtered("is_restricted_expert")
            (move.partner_id | move.partner_shipping_id)._link_client_experts(experts)
