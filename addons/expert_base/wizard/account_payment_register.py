from odoo import _, models
from odoo.exceptions import AccessError


class AccountPaymentRegister(models.TransientModel):
    _inherit = "account.payment.register"

    def _create_payments(self):
        """*Register Payment* on an expert's own posted invoices: Odoo creates,
        posts and reconciles the payment's journal entry, which the expert's
        rules never let it write, so it does so as superuser once the invoices
        are checked to be the expert's."""
        if not self.env["account.move"]._expert_is_restricted():
            return super()._create_payments()
        invoices = self.line_ids.move_id
        invoices._check_can_write({})
        if not invoices or any(
            move.state != "posted" or not move.is_sale_document(include_receipts=True) for move in invoices
        ):
            raise AccessError(_("An expert registers payments of its own posted invoices only."))
        return super(AccountPaymentRegister, self.sudo())._create_payments().with_env(self.env)
