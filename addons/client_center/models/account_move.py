from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _client_center_days_overdue(self, today=None):
        """Days past the due date (0 when not yet due or paid)."""
        self.ensure_one()
        today = today or fields.Date.context_today(self)
        if self.payment_state not in ("not_paid", "partial") or not self.invoice_date_due:
            return 0
        return max((today - self.invoice_date_due).days, 0)
