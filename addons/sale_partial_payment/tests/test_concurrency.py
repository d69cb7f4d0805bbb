import threading
import uuid

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.expert_base.tests.common import CommittedCase


class CommittedPartialOrder(CommittedCase):
    """Committed fixtures: a confirmed order of 400 paid 300 by cheque, the
    client's saved card (demo provider); removed after the test."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            suffix = uuid.uuid4().hex[:8]
            journal = env["account.journal"].search(
                [("type", "=", "bank"), ("company_id", "=", env.company.id)], limit=1
            )
            provider = env.ref("payment.payment_provider_demo")
            self.provider_values = {"state": provider.state, "journal_id": provider.journal_id.id}
            provider.write({"state": "test", "journal_id": journal.id, "company_id": env.company.id})
            order = self._committed_order(
                env,
                f"Race Package {suffix}",
                {
                    "list_price": 400.0,
                    "allow_partial_payment": True,
                    "partial_first_percent": 25.0,
                    "partial_payment_count": 4,
                },
            )
            partner, product = order.partner_id, order.order_line.product_id
            order._partial_take_manual_payment(300.0, journal, "three parts by cheque")
            token = env["payment.token"].create(
                {
                    "provider_id": provider.id,
                    "payment_method_id": (
                        provider.payment_method_ids[:1] or env.ref("payment.payment_method_unknown")
                    ).id,
                    "partner_id": partner.id,
                    "provider_ref": f"race-{suffix}",
                    "payment_details": "4242",
                    "demo_simulated_state": "done",
                }
            )
            self.ids = {"partner": partner.id, "product": product.id, "order": order.id, "token": token.id}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            order = env["sale.order"].browse(self.ids["order"])
            transactions = order.transaction_ids
            payments = env["account.payment"].search(
                ["|", ("partial_sale_order_id", "=", order.id), ("payment_transaction_id", "in", transactions.ids)]
            )
            moves = order.invoice_ids | payments.move_id
            moves.filtered(lambda move: move.state == "posted").button_draft()
            payments.unlink()
            moves.with_context(force_delete=True).unlink()
            transactions.write({"sale_order_ids": [Command.clear()]})
            transactions.unlink()
            order._action_cancel()
            order.unlink()
            # the payment wizards of the setup (transient) name the partner
            env["account.payment.register"].search([("partner_id", "=", self.ids["partner"])]).unlink()
            env["payment.token"].browse(self.ids["token"]).unlink()
            env["product.product"].browse(self.ids["product"]).product_tmpl_id.unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()
            env.ref("payment.payment_provider_demo").write(self.provider_values)


@tagged("post_install", "-at_install")
class TestLastPartRace(CommittedPartialOrder):
    """Two staff charge the client's card for the same last part at once
    (two real transactions): one charge is taken, the other refused."""

    def _charge(self, barrier, outcomes):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            barrier.wait()

            def charge():
                order = env["sale.order"].browse(self.ids["order"])
                return order._partial_charge_token(env["payment.token"].browse(self.ids["token"]), 100.0)

            try:
                tx = retrying(charge, env)
                outcomes.append(tx.state)
            except UserError as error:
                cr.rollback()
                outcomes.append(str(error))

    def test_same_last_part_twice_at_once(self):
        barrier = threading.Barrier(2)
        outcomes = []
        threads = [threading.Thread(target=self._charge, args=(barrier, outcomes)) for _n in range(2)]
        # the serialization failure of the later one is expected (and retried):
        # muted around both threads, not in each (see revenue_share's race)
        with mute_logger("odoo.sql_db", "odoo.service.model"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
        self.assertEqual(len(outcomes), 2)
        self.assertIn("done", outcomes)
        refused = [outcome for outcome in outcomes if outcome != "done"]
        self.assertEqual(len(refused), 1, outcomes)
        self.assertIn("more than what remains", refused[0])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            order = env["sale.order"].browse(self.ids["order"])
            done = order.transaction_ids.filtered(lambda tx: tx.state == "done")
            self.assertEqual(len(done), 1)
            self.assertEqual(order.amount_paid, 400.0)
