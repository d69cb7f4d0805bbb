from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .common import RecurringOrderCommon

# queries of one charge besides the provider call (scripts/bench measures
# the cron over 1,000 due orders against the same target)
CHARGE_QUERY_BUDGET = 60


@tagged("post_install", "-at_install")
class TestChargePerformance(RecurringOrderCommon):
    def _charge_queries(self):
        """Queries of the cron charging the one due order, and those of the
        provider call among them."""
        Transaction = type(self.env["payment.transaction"])
        send = Transaction._send_payment_request
        provider = [0]

        def counted(tx):
            before = tx.env.cr.sql_log_count
            send(tx)
            provider[0] += tx.env.cr.sql_log_count - before

        self.env.flush_all()
        self.env.invalidate_all()
        with patch.object(Transaction, "_send_payment_request", counted):
            before = self.cr.sql_log_count
            charged, _more = self.env["recurring.order"]._charge_due_orders(commit=False)
            self.env.flush_all()
        self.assertEqual(len(charged), 1)
        return self.cr.sql_log_count - before, provider[0]

    def test_charge_queries_do_not_grow_with_history(self):
        warmup = self._start(start=date(2025, 12, 10))
        recent = self._start(start=date(2025, 12, 15))
        old = self._start(start=date(2025, 1, 15))
        old.write({"payment_count": 0, "next_payment_date": False})  # until stopped; not due yet
        with freeze_time("2026-01-10"):
            self._charge_due()  # the first charge of the test warms the caches
        self.assertEqual(warmup.payments_done, 2)
        warmup.next_payment_date = False
        for month in range(2, 13):
            old.next_payment_date = date(2025, month, 15)
            with freeze_time(f"2025-{month:02d}-15"):
                self.assertEqual(self._charge_due(), old, month)
        old.next_payment_date = date(2026, 1, 15)
        with freeze_time("2026-01-15"):
            self.assertEqual(self._charge_due(), old | recent)
        self.assertEqual((old.payments_done, len(old.generated_order_ids)), (13, 12))
        self.assertEqual((recent.payments_done, len(recent.generated_order_ids)), (2, 1))

        with freeze_time("2026-02-15"):
            # each measure starts from an empty ORM cache; the ormcache
            # (groups, templates...) is warmed by a first charge
            old.next_payment_date = recent.next_payment_date = False
            warmup.next_payment_date = date(2026, 2, 10)
            self._charge_queries()
            recent.next_payment_date = date(2026, 2, 15)
            recent_queries, recent_provider = self._charge_queries()
            old.next_payment_date = date(2026, 2, 15)
            old_queries, old_provider = self._charge_queries()
        self.assertEqual(old_queries, recent_queries, "constant with the history")
        # the provider call's share of them depends on what was cached before it
        self.assertLessEqual(old_queries - old_provider, CHARGE_QUERY_BUDGET)
        self.assertLessEqual(recent_queries - recent_provider, CHARGE_QUERY_BUDGET)
