import threading

from odoo import SUPERUSER_ID, api
from odoo.service.model import retrying
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.sale_partial_payment.tests.test_concurrency import CommittedPartialOrder


@tagged("post_install", "-at_install")
class TestCheckRace(CommittedPartialOrder):
    """Two managers check the same paid sale at once (two real
    transactions): both checks apply, one after the other, and the second
    is logged as a change of the first."""

    def _check(self, barrier, attribution, outcomes):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            manager = env.ref("base.user_admin") if attribution == "user" else None
            barrier.wait()

            def check():
                env["sale.order"].browse(self.ids["order"])._sale_check(attribution, manager)

            retrying(check, env)
            outcomes.append(attribution)

    def test_two_checks_of_one_sale_at_once(self):
        barrier = threading.Barrier(2)
        outcomes = []
        threads = [
            threading.Thread(target=self._check, args=(barrier, attribution, outcomes))
            for attribution in ("user", "system")
        ]
        # the loser's serialization failure is logged, then retried: muted
        # here, around both threads (a mute inside one would end while the
        # other still runs)
        with mute_logger("odoo.sql_db", "odoo.service.model"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
        self.assertEqual(sorted(outcomes), ["system", "user"])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            order = env["sale.order"].browse(self.ids["order"])
            self.assertTrue(order.sale_confirmed)
            # the last check committed is the order's attribution
            self.assertEqual(order.sale_attribution, outcomes[-1])
            changes = order.message_ids.filtered(lambda message: "Checked sale changed" in (message.body or ""))
            self.assertEqual(len(changes), 1)
