from odoo import api, models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    @api.model_create_multi
    def create(self, vals_list):
        partials = super().create(vals_list)
        partials._revenue_share_documents()._revenue_share_sync_write_offs()
        return partials

    def unlink(self):
        documents = self._revenue_share_documents()
        res = super().unlink()
        documents._revenue_share_sync_write_offs()
        return res

    def _revenue_share_documents(self):
        """The invoices and credit notes these reconciliations touch."""
        return (self.debit_move_id.move_id | self.credit_move_id.move_id).filtered(
            lambda move: move.is_sale_document(include_receipts=True)
        )
