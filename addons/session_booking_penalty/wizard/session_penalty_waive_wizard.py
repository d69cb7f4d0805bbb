from odoo import fields, models


class SessionPenaltyWaiveWizard(models.TransientModel):
    _name = "session.penalty.waive.wizard"
    _description = "Waive a Session Penalty"

    booking_id = fields.Many2one("session.booking", required=True, readonly=True)
    penalty_move_id = fields.Many2one(related="booking_id.penalty_move_id")
    penalty_amount = fields.Monetary(related="booking_id.penalty_amount")
    currency_id = fields.Many2one(related="booking_id.currency_id")
    penalty_payment_state = fields.Selection(related="booking_id.penalty_payment_state")
    reason = fields.Text(required=True)

    def action_waive(self):
        self.ensure_one()
        self.booking_id._waive_penalty(self.reason)
        return {"type": "ir.actions.act_window_close"}
