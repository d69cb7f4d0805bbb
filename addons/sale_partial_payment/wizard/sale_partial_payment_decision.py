from odoo import _, api, fields, models


class SalePartialPaymentDecision(models.TransientModel):
    """Confirm (the rest paid or written off) or Reject (with or without a
    refund) an order paid in parts."""

    _name = "sale.partial.payment.decision"
    _description = "Confirm or Reject a Partial Order"

    order_id = fields.Many2one("sale.order", required=True, readonly=True, ondelete="cascade")
    decision = fields.Selection([("confirm", "Confirm"), ("reject", "Reject")], required=True, readonly=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    amount_paid = fields.Float(related="order_id.amount_paid", string="Paid")
    amount_remaining = fields.Monetary(related="order_id.partial_amount_remaining")
    reason = fields.Char()
    refund = fields.Boolean(string="Refund the Client", help="Refund what was paid online through the provider.")
    refund_amount = fields.Monetary()

    @api.model
    def _action_open(self, order, decision):
        wizard = self.create(
            {
                "order_id": order.id,
                "decision": decision,
                "refund_amount": sum(order.sudo()._partial_refundable_transactions().mapped("amount")),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Confirm the Order") if decision == "confirm" else _("Reject the Order"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_apply(self):
        self.ensure_one()
        if self.decision == "confirm":
            self.order_id._partial_confirm(self.reason)
        else:
            self.order_id._partial_reject(self.reason, self.refund_amount if self.refund else 0.0)
        return {"type": "ir.actions.act_window_close"}
