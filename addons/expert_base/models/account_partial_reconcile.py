from odoo import api, models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    @api.model
    def _expert_check_reconciled_lines(self, lines):
        """An expert reconciles (or unreconciles) only journal items of its own
        sales, e.g. a credit note with its invoice; a payment is applied with
        *Register Payment* or *Add* on the invoice, which check it first."""
        if self.env["account.move"]._expert_is_restricted():
            moves = lines.move_id
            moves.check_access_rights("write")
            moves.check_access_rule("write")

    @api.model_create_multi
    def create(self, vals_list):
        line_ids = {vals.get(key) for vals in vals_list for key in ("debit_move_id", "credit_move_id")}
        self._expert_check_reconciled_lines(
            self.env["account.move.line"].browse([line_id for line_id in line_ids if line_id])
        )
        return super().create(vals_list)

    def unlink(self):
        self._expert_check_reconciled_lines(self.debit_move_id | self.credit_move_id)
        return super().unlink()


class AccountFullReconcile(models.Model):
    _inherit = "account.full.reconcile"

    def unlink(self):
        self.env["account.partial.reconcile"]._expert_check_reconciled_lines(self.reconciled_line_ids)
        return super().unlink()
