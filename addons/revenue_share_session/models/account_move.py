from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _session_can_be_cancelled(self):
        """A penalty whose expert share was already settled is waived with a
        credit note (a negative share), never by cancelling the invoice."""
        return super()._session_can_be_cancelled() and not any(
            line.state == "settled" for line in self.sudo().revenue_share_line_ids
        )


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def _revenue_share_expert(self):
        """Penalty invoices (late cancellation or no-show, and the credit
        notes waiving them) are shared with the expert of the penalised
        session, whatever product they sell."""
        booking = self.move_id.session_booking_id
        if booking:
            return booking.expert_id
        return super()._revenue_share_expert()
