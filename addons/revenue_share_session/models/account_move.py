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
        """Penalty invoices sell the platform's penalty product: their share
        goes to the expert of the penalised session."""
        expert = super()._revenue_share_expert()
        if not expert and self.move_id.session_booking_id:
            return self.move_id.session_booking_id.expert_id
        return expert
