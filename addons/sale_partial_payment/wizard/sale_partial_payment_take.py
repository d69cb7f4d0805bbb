from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SalePartialPaymentTake(models.TransientModel):
    """Staff take a payment for an order: received by hand (cheque, bank
    transfer, with the payer's comment) or charged on the client's saved
    card while the client is on the phone."""

    _name = "sale.partial.payment.take"
    _description = "Take a Payment"

    order_id = fields.Many2one("sale.order", required=True, readonly=True, ondelete="cascade")
    invoice_id = fields.Many2one(
        "account.move",
        string="Invoice Paid",
        readonly=True,
        ondelete="cascade",
        help="Taken from this open invoice's form: the payment pays it.",
    )
    invoice_residual = fields.Monetary(related="invoice_id.amount_residual", string="Left on the Invoice")
    partner_id = fields.Many2one(related="order_id.partner_id")
    currency_id = fields.Many2one(related="order_id.currency_id")
    amount_remaining = fields.Monetary(related="order_id.partial_amount_remaining")
    method = fields.Selection(
        [("manual", "Received by hand (cheque, transfer)"), ("token", "Charge a saved card")],
        required=True,
        default="manual",
    )
    amount = fields.Monetary(required=True)
    journal_id = fields.Many2one(
        "account.journal",
        domain="[('type', 'in', ('bank', 'cash')), ('company_id', '=', company_id)]",
    )
    company_id = fields.Many2one(related="order_id.company_id")
    comment = fields.Char(help="What the payer said (cheque number, transfer reference...).")
    token_id = fields.Many2one(
        "payment.token",
        string="Saved Card",
        domain="[('partner_id', 'child_of', commercial_partner_id)]",
    )
    commercial_partner_id = fields.Many2one(related="order_id.partner_id.commercial_partner_id")

    @api.model
    def _action_open(self, order, invoice=None):
        """The wizard for ``order`` (and its open ``invoice``, taken from the invoice's form)."""
        amount = order.partial_next_amount or order.partial_amount_remaining
        if invoice:
            amount = min(amount, invoice.sudo().amount_residual) if amount else invoice.sudo().amount_residual
        wizard = self.create(
            {
                "order_id": order.id,
                "invoice_id": invoice.id if invoice else False,
                "amount": amount,
                "journal_id": self.env["account.journal"]
                .search([("type", "=", "bank"), ("company_id", "=", order.company_id.id)], limit=1)
                .id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Take a Payment"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_take(self):
        self.ensure_one()
        order = self.order_id
        if self.method == "manual":
            if not self.journal_id:
                raise UserError(_("Choose the journal the money was received in."))
            order._partial_take_manual_payment(
                self.amount, self.journal_id, self.comment, invoice=self.invoice_id or None
            )
            return {"type": "ir.actions.act_window_close"}
        if not self.token_id:
            raise UserError(_("Choose the client's saved card."))
        tx = order._partial_charge_token(self.token_id, self.amount, invoice=self.invoice_id or None)
        if tx.state != "done":
            raise UserError(_("The card was not charged: %s", tx.state_message or tx.state))
        return {"type": "ir.actions.act_window_close"}
