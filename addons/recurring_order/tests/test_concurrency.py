import threading
import uuid
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.expert_base.tests.common import CommittedCase

from .common import StripeFakeMixin

PROVIDER_FIELDS = ("state", "company_id", "stripe_publishable_key", "stripe_secret_key", "allow_tokenization")


@tagged("post_install", "-at_install")
class TestChargeConcurrency(StripeFakeMixin, CommittedCase):
    """Real transactions: two cron workers on the same due order, and a
    worker killed between Stripe's answer and its commit."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            provider = env.ref("payment.payment_provider_stripe")
            self.provider_values = {name: provider[name] for name in PROVIDER_FIELDS}
            self.provider_values["company_id"] = provider.company_id.id
            provider = self._start_fake_stripe(env)
            self.fake_stripe.reset()
            suffix = uuid.uuid4().hex[:8]
            order = self._committed_order(
                env,
                f"Race Plan {suffix}",
                {
                    "list_price": 30.0,
                    "is_recurring": True,
                    "recurring_interval_unit": "month",
                    "recurring_payment_count": 0,
                },
                {"email": "race@example.com"},
            )
            partner, product = order.partner_id, order.order_line.product_id
            token = env["payment.token"].create(
                {
                    "provider_id": provider.id,
                    "payment_method_id": env.ref("payment.payment_method_card").id,
                    "partner_id": partner.id,
                    "payment_details": "4242",
                    "provider_ref": f"cus_race_{suffix}",
                    "stripe_payment_method": f"pm_race_{suffix}",
                }
            )
            today = fields.Date.today()
            recurring = env["recurring.order"].create(
                {
                    **order.order_line._prepare_recurring_order_values(env["payment.transaction"]),
                    "payment_token_id": token.id,
                    "start_date": today - relativedelta(months=1),
                    "next_payment_date": today,
                }
            )
            # the race is about this order: nothing else may be due meanwhile
            others = env["recurring.order"].search(
                [("id", "!=", recurring.id), ("state", "=", "active"), ("next_payment_date", "<=", today)]
            )
            self.assertFalse(others, "another recurring order of the database is due")
            self.ids = {
                "partner": partner.id,
                "product": product.id,
                "order": order.id,
                "token": token.id,
                "recurring": recurring.id,
                "today": today,
                "payments_done": recurring.payments_done,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            recurring = env["recurring.order"].browse(self.ids["recurring"])
            orders = recurring.generated_order_ids | recurring.sale_order_id
            transactions = recurring.transaction_ids
            transactions.write({"sale_order_ids": [Command.clear()]})
            transactions.unlink()
            recurring.unlink()
            orders._action_cancel()
            orders.unlink()
            env["payment.token"].browse(self.ids["token"]).unlink()
            env["product.product"].browse(self.ids["product"]).product_tmpl_id.unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()
            env.ref("payment.payment_provider_stripe").write(self.provider_values)

    def _state(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            recurring = env["recurring.order"].browse(self.ids["recurring"])
            return {
                "state": recurring.state,
                "next_payment_date": recurring.next_payment_date,
                "payments_done": recurring.payments_done,
                "transactions": [(tx.reference, tx.state, tx.provider_reference) for tx in recurring.transaction_ids],
                "orders": len(recurring.generated_order_ids),
            }

    def _charge_as_a_worker(self, barrier=None, outcomes=None):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if barrier:
                barrier.wait()
            with mute_logger("odoo.sql_db"):
                charged, _more = env["recurring.order"]._charge_due_orders(commit=True)
            if outcomes is not None:
                outcomes.append(charged.ids)

    def test_two_workers_charge_once(self):
        barrier = threading.Barrier(2)
        outcomes = []
        threads = [threading.Thread(target=self._charge_as_a_worker, args=(barrier, outcomes)) for _n in range(2)]
        # muted around both threads too: each thread's own mute, left while
        # the other still runs, would let the other's expected error through
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        self.assertEqual(sorted(outcomes), [[], [self.ids["recurring"]]], "one worker charged it, once")
        self.assertEqual(len(self._payment_intent_requests()), 1)
        self.assertEqual(len(self.fake_stripe.payment_intents), 1)
        state = self._state()
        self.assertEqual(state["state"], "active")
        self.assertEqual(state["next_payment_date"], self.ids["today"] + relativedelta(months=1))
        self.assertEqual(state["payments_done"], self.ids["payments_done"] + 1)
        self.assertEqual(len(state["transactions"]), 1)
        self.assertEqual(state["orders"], 1)

    def test_worker_killed_after_the_charge_never_charges_twice(self):
        """Stripe charged the card, then the worker died before its commit:
        nothing of the charge is in the database. The next run sends the
        same request with the same idempotency key; Stripe answers with the
        first PaymentIntent: one charge, one paid period."""
        with self.assertRaises(RuntimeError), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            record = env["recurring.order"]._lock_next_due()
            self.assertEqual(record.id, self.ids["recurring"])
            tx = record._charge()
            self.assertEqual(tx.state, "done")
            first_intent = tx.provider_reference
            raise RuntimeError("worker killed between the provider's answer and the commit")
        state = self._state()
        self.assertEqual(state["transactions"], [], "rolled back")
        self.assertEqual(state["next_payment_date"], self.ids["today"], "the period is still due")
        self.assertEqual(len(self.fake_stripe.payment_intents), 1, "Stripe charged once")

        self._charge_as_a_worker()

        state = self._state()
        [(reference, tx_state, provider_reference)] = state["transactions"]
        self.assertEqual(tx_state, "done")
        self.assertEqual(provider_reference, first_intent, "the first PaymentIntent, replayed")
        self.assertEqual(len(self.fake_stripe.payment_intents), 1, "never charged twice")
        keys = [request["key"] for request in self._payment_intent_requests()]
        self.assertEqual(len(keys), 2)
        self.assertEqual(len(set(keys)), 1, "the same idempotency key both times")
        self.assertTrue(reference.endswith(f"{self.ids['today']:%Y%m%d}-1"))
        self.assertEqual(state["next_payment_date"], self.ids["today"] + relativedelta(months=1), "not skipped")
        self.assertEqual(state["payments_done"], self.ids["payments_done"] + 1, "one paid period")

    def test_worker_killed_before_the_charge_charges_on_the_next_run(self):
        with self.assertRaises(RuntimeError), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["recurring.order"]._lock_next_due()
            raise RuntimeError("worker killed while holding the lock")
        self.assertFalse(self.fake_stripe.requests)
        self._charge_as_a_worker()
        state = self._state()
        self.assertEqual(len(state["transactions"]), 1)
        self.assertEqual(state["next_payment_date"], self.ids["today"] + relativedelta(months=1))

    def test_retry_time_is_honoured_across_workers(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["recurring.order"].browse(self.ids["recurring"]).write(
                {"retry_count": 1, "next_retry_at": fields.Datetime.now() + timedelta(hours=1)}
            )
        self._charge_as_a_worker()
        self.assertFalse(self.fake_stripe.requests)
