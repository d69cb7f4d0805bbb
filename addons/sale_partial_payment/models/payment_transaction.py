import logging

from odoo import _, api, fields, models
from odoo.tools import float_compare

from odoo.addons.payment import utils as payment_utils

_logger = logging.getLogger(__name__)


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    provider_fee = fields.Monetary(
        readonly=True,
        help="What the provider kept of this payment: as the provider reports it (Stripe's balance "
        "transaction), else by the fee rule set on the provider.",
    )
    money_credited = fields.Monetary(
        compute="_compute_money_credited",
        store=True,
        help="The amount minus the provider's fee.",
    )

    @api.depends("amount", "provider_fee")
    def _compute_money_credited(self):
        for tx in self:
            tx.money_credited = tx.amount - tx.provider_fee

    @api.model_create_multi
    def create(self, vals_list):
        transactions = super().create(vals_list)
        for tx in transactions.filtered(lambda tx: tx.operation not in ("refund", "validation")):
            for order in tx.sale_order_ids.filtered(lambda so: so.allow_partial_payment):
                # a payment above what remains, or of a rejected or completed
                # order, is refused before the client is charged
                if order.state == "sale":
                    order._partial_check_payable(tx.amount)
        return transactions

    def _reconcile_after_done(self):
        """A payment of a partial order that arrives when the order is paid
        already (two payments of the same last part, each in its own
        request) is refunded instead of invoiced."""
        excess = self.browse()
        for tx in self.filtered(lambda tx: tx.operation != "refund" and tx.state == "done"):
            for order in tx.sale_order_ids.filtered(lambda so: so.allow_partial_payment and so.state == "sale"):
                order._partial_lock()
                counted = sum(
                    other.amount
                    for other in order.transaction_ids
                    if other.state in ("authorized", "done")
                    and other != tx
                    and other.is_post_processed
                    and other.operation != "refund"
                )
                manual = order.amount_paid - sum(
                    other.amount for other in order.transaction_ids if other.state in ("authorized", "done")
                )
                paid_before = counted + manual
                rounding = order.currency_id.rounding
                if (
                    order.partial_payment_state != "open"
                    or float_compare(paid_before + tx.amount, order.amount_total, precision_rounding=rounding) > 0
                ):
                    excess |= tx
        res = super(PaymentTransaction, self - excess)._reconcile_after_done()
        for tx in excess:
            _logger.info("Payment %s arrived for an order already paid: refunded", tx.reference)
            tx._send_refund_request(amount_to_refund=tx.amount)
            for order in tx.sale_order_ids:
                order.message_post(
                    body=_("The payment %s came when nothing remained to pay: it is refunded.", tx.reference),
                    subtype_xmlid="mail.mt_note",
                )
            tx.sale_order_ids = [fields.Command.clear()]
        # what a provider kept of a payment: refunds leave it kept (no fee of their own here)
        (self - excess).filtered(
            lambda tx: tx.state == "done" and tx.operation not in ("validation", "refund")
        )._partial_set_fee()
        return res

    def _invoice_sale_orders(self):
        # a refund is invoiced by the credit note made with it, not as a
        # down payment of the order; a payment staff took for an open
        # invoice of the order pays that invoice
        return super(
            PaymentTransaction, self.filtered(lambda tx: tx.operation != "refund" and not tx.invoice_ids)
        )._invoice_sale_orders()

    def _partial_set_fee(self):
        for tx in self:
            fee = tx._partial_provider_reported_fee()
            if fee is None:
                fee = tx.provider_id._partial_fee_by_rule(tx.amount)
            tx.provider_fee = tx.currency_id.round(fee)

    def _partial_provider_reported_fee(self):
        """The fee the provider reports for this payment, or None: Stripe's
        balance transaction of the PaymentIntent's succeeded charge, read in
        the API version ``payment_stripe`` pins (its PaymentIntents list their
        ``charges``)."""
        self.ensure_one()
        if self.provider_code != "stripe" or not self.provider_reference or self.operation == "refund":
            return None
        try:
            # GET: Stripe reads the parameters in the query string
            intent = self.provider_id._stripe_make_request(
                f"payment_intents/{self.provider_reference}?expand[]=charges.data.balance_transaction",
                method="GET",
            )
        except Exception:  # pylint: disable=broad-except
            # no answer: the operator's rule stands in
            _logger.warning("Stripe did not report the fee of %s", self.reference, exc_info=True)
            return None
        charges = ((intent or {}).get("charges") or {}).get("data") or []
        charge = next((charge for charge in charges if charge.get("status") == "succeeded"), {})
        balance = charge.get("balance_transaction") or {}
        if not isinstance(balance, dict) or "fee" not in balance:
            return None
        if (balance.get("currency") or "").upper() != self.currency_id.name:
            # settled in another currency: the fee is not in the payment's
            return None
        return payment_utils.to_major_currency_units(balance["fee"], self.currency_id)

    def _partial_credit_notes(self, amount):
        """Draft-free credit notes refunding ``amount`` of the invoices this
        payment paid (their lines scaled), posted."""
        self.ensure_one()
        invoices = self.invoice_ids.filtered(lambda move: move.state == "posted" and move.move_type == "out_invoice")
        if not invoices:
            return self.env["account.move"]
        total = sum(invoices.mapped("amount_total"))
        ratio = min(amount / total, 1.0) if total else 0.0
        credit_notes = invoices._reverse_moves([{"ref": _("Refund of %s", self.reference)} for _invoice in invoices])
        if ratio < 1.0:
            for line in credit_notes.invoice_line_ids:
                line.price_unit = line.price_unit * ratio
        credit_notes.action_post()
        return credit_notes
