from odoo import Command

from odoo.addons.expert_base.tests.common import ExpertPlatformCommon
from odoo.addons.payment import utils as payment_utils
from odoo.addons.revenue_share.tests.common import StripeFakeMixin


class RecurringOrderCommon(StripeFakeMixin, ExpertPlatformCommon):
    """Expert A sells a monthly plan of 3 sessions (12 payments); client A
    saved a Stripe card; the fake Stripe answers the charges."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stripe_provider = cls._start_fake_stripe(cls.env)
        cls.card_method = cls.env.ref("payment.payment_method_card")
        cls.plan = cls._create_expert_product(
            cls.expert_a,
            "Monthly Plan A",
            100.0,
            is_session_package=True,
            session_count=3,
            is_recurring=True,
            recurring_interval_number=1,
            recurring_interval_unit="month",
            recurring_payment_count=12,
        )
        cls.token = cls._create_token(cls.client_partner, "pm_card_visa", "4242")
        cls.manager = cls.platform_manager

    def setUp(self):
        super().setUp()
        self.fake_stripe.reset()

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    @classmethod
    def _create_token(cls, partner, stripe_method, last4):
        return cls.env["payment.token"].create(
            {
                "provider_id": cls.stripe_provider.id,
                "payment_method_id": cls.card_method.id,
                "partner_id": partner.id,
                "payment_details": last4,
                "provider_ref": f"cus_fake_{partner.id}",
                "stripe_payment_method": stripe_method,
            }
        )

    @classmethod
    def _start(cls, product=None, partner=None, token=None, start=None, quantity=1):
        """A recurring order started by a paid initial order, as after the
        checkout (the transaction is done with the saved card)."""
        partner = partner or cls.client_partner
        order = cls._create_order(product or cls.plan, partner=partner, quantity=quantity)
        token = cls.token if token is None else token
        tx = cls.env["payment.transaction"].create(
            {
                "provider_id": cls.stripe_provider.id,
                "payment_method_id": cls.card_method.id,
                "reference": f"{order.name}-initial",
                "amount": order.amount_total,
                "currency_id": order.currency_id.id,
                "partner_id": partner.id,
                "operation": "online_direct",
                "token_id": token.id,
                "sale_order_ids": [Command.set(order.ids)],
                "state": "done",
            }
        )
        recurring = order._recurring_start(tx)
        if start:
            recurring.start_date = start
            recurring.next_payment_date = recurring._billing_date(1)
        return recurring

    def _charge_due(self):
        """The cron's charge loop in the test transaction."""
        charged, _more = self.env["recurring.order"]._charge_due_orders(commit=False)
        return charged

    def _post_process(self, recurring):
        """Odoo's post-processing of the done charges, then Send & Print
        mailing their invoices (the crons do it)."""
        txs = recurring.transaction_ids.filtered(lambda tx: tx.state == "done" and not tx.is_post_processed)
        txs._finalize_post_processing()
        self.env["account.move"]._cron_account_move_send(job_count=100)
        return txs

    def _client_mails(self, record):
        """The mails sent to the client on ``record``, newest first."""
        self.env.flush_all()
        return record.message_ids.filtered(
            lambda message: message.subtype_id == self.env.ref("mail.mt_comment")
            and self.client_partner in message.partner_ids
        )

    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _idempotency_key(self, tx):
        return payment_utils.generate_idempotency_key(tx, scope="payment_intents_token")
