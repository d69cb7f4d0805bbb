from odoo import SUPERUSER_ID, _, fields, models
from odoo.tools import str2bool

# Stripe decline codes of a card that will never work again: no retry helps,
# the client must give another card (https://stripe.com/docs/declines/codes)
HARD_DECLINE_CODES = frozenset(
    {
        "card_not_supported",
        "currency_not_supported",
        "expired_card",
        "fraudulent",
        "incorrect_number",
        "invalid_account",
        "invalid_number",
        "lost_card",
        "merchant_blacklist",
        "new_account_information_available",
        "pickup_card",
        "restricted_card",
        "revocation_of_all_authorizations",
        "revocation_of_authorization",
        "security_violation",
        "stolen_card",
        "stop_payment_order",
        "transaction_not_allowed",
    }
)


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    recurring_order_id = fields.Many2one(
        "recurring.order", string="Recurring Order", readonly=True, index="btree_not_null", ondelete="restrict"
    )
    recurring_billing_date = fields.Date(string="Billing Date", readonly=True)
    recurring_outcome = fields.Selection(
        [("paid", "Paid"), ("failed", "Failed")],
        readonly=True,
        help="The outcome of this charge as the recurring order counted it (each outcome counts once).",
    )
    recurring_decline_code = fields.Char(
        string="Decline Code", readonly=True, help="Why the provider declined the card, as the provider says it."
    )
    recurring_decline_message = fields.Char(
        string="Decline Message", readonly=True, help="The provider's explanation, shown to the client."
    )

    _sql_constraints = [
        (
            "recurring_billing_date_required",
            "CHECK(recurring_order_id IS NULL OR recurring_billing_date IS NOT NULL)",
            "A recurring charge pays the period of a billing date.",
        ),
    ]

    def _recurring_is_hard_decline(self):
        self.ensure_one()
        return self.recurring_decline_code in HARD_DECLINE_CODES

    def _recurring_error_message(self):
        self.ensure_one()
        return self.recurring_decline_message or self.state_message or _("The payment was declined.")

    def _process_notification_data(self, notification_data):
        res = super()._process_notification_data(notification_data)
        if self.provider_code == "stripe" and self.state == "error":
            intent = notification_data.get("payment_intent") or {}
            error = intent.get("last_payment_error") or {}
            self.write(
                {
                    "recurring_decline_code": error.get("decline_code") or error.get("code") or False,
                    "recurring_decline_message": error.get("message") or False,
                }
            )
        if self.recurring_order_id and self.operation == "offline":
            self.recurring_order_id._process_charge_result(self)
        return res

    def _reconcile_after_done(self):
        """The first online payment of an order selling recurring packages
        starts their recurring orders (the order is confirmed by now)."""
        res = super()._reconcile_after_done()
        for tx in self.filtered(lambda tx: not tx.recurring_order_id and tx.operation != "validation"):
            tx.sale_order_ids.filtered(lambda order: order.state == "sale")._recurring_start(tx)
        return res

    def _send_invoice(self):
        """The invoice of a recurring charge goes out with the recurring
        order's template (the charge succeeded, what comes next), through
        Send & Print's cron: the charges of a month are post-processed one
        by one, their PDFs are rendered together (a wkhtmltopdf run costs
        seconds, whatever it renders). From the superuser, as Odoo sends a
        paid order's invoice."""
        recurring_txs = self.filtered("recurring_order_id")
        super(PaymentTransaction, self - recurring_txs)._send_invoice()
        template = self.env.ref("recurring_order.mail_template_charge_succeeded", raise_if_not_found=False)
        if not template or not recurring_txs:
            return
        invoices = recurring_txs.invoice_ids.filtered(
            lambda move: not move.is_move_sent and move.state == "posted" and move._is_ready_to_be_sent()
        )
        # as Odoo marks them before sending: its retry cron leaves them
        invoices.sudo().is_move_sent = True
        invoices._expert_queue_send(template, self.env["res.users"].browse(SUPERUSER_ID))

    def _recurring_invoices_mailed_with_charge(self):
        """Whether the charges' invoices are mailed (Automatic Invoice)."""
        return str2bool(self.env["ir.config_parameter"].sudo().get_param("sale.automatic_invoice"))
