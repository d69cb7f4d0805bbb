import logging
from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from odoo.addons.expert_base.tests.common import PageQueriesMixin
from odoo.addons.session_booking_penalty.tests.common import NOW

from .common import ClientCenterCommon

_logger = logging.getLogger(__name__)

# Query budgets of a warm page (caches filled by a first request), the same
# with 10 and with 500 records: lists are paged and read in batches.
BUDGETS = {
    "/client-center/main": 28,
    "/client-center/main/payments": 29,
    "/client-center/main/invoices": 26,
    "/client-center/main/orders": 30,
}


@tagged("post_install", "-at_install")
class TestClientCenterPerformance(PageQueriesMixin, ClientCenterCommon, HttpCase):
    def _measure(self):
        counts = {}
        for url, budget in BUDGETS.items():
            # a warm request (caches of views, translations, assets filled)
            counts[url] = self._page_queries(url)
            self.assertLessEqual(counts[url], budget, url)
        _logger.info("client center pages, queries of a warm request: %s", counts)
        return counts

    def test_panels_use_a_constant_number_of_queries(self):
        self._due_invoices(10)
        self._orders(10)
        self.center._chat_post(self.client_partner, "Hello")
        self.authenticate("client_a", "client_a")
        with_10 = self._measure()
        self._due_invoices(490)
        self._orders(490)
        with_500 = self._measure()
        # the budgets hold with 10 and with 500 records; lists do not grow at all
        for url in BUDGETS:
            if url != "/client-center/main":
                self.assertEqual(with_500[url], with_10[url], url)

    def test_home_counters_use_one_query_each(self):
        self._due_invoices(10)
        # one query per counter, whatever the modules that add counters
        budget = len(self.center._get_home_counters(self.client_partner))  # also warms up
        with self.assertQueryCount(budget):
            counters = self.center._get_home_counters(self.client_partner)
        self._due_invoices(490)
        self.env.invalidate_all()
        self.center._get_home_counters(self.client_partner)
        with self.assertQueryCount(budget):
            counters = self.center._get_home_counters(self.client_partner)
        self.assertEqual(
            counters["payments"]["value"], sum(10.0 + n for n in range(10)) + sum(10.0 + n for n in range(490))
        )

    def test_sessions_panel_reads_its_three_lists_together(self):
        """Upcoming, past and cancelled sessions share one prefetch: the
        panel costs the same queries with one list as with all three."""
        first = self._booked()
        self._booked(start=self.tuesday_9 + timedelta(days=2))
        self.authenticate("client_a", "client_a")
        with freeze_time(NOW):
            one_list = self._page_queries("/client-center/main/sessions")
        cancelled = self._booked(start=self.tuesday_9 + timedelta(days=1))
        with freeze_time(NOW):
            cancelled.action_cancel()
        # the first session is over, the third still to come
        with freeze_time(first.stop + timedelta(hours=1)):
            three_lists = self._page_queries("/client-center/main/sessions")
            page = self.url_open("/client-center/main/sessions").text
        for section in ("upcoming", "past", "cancelled"):
            self.assertIn(f"o_client_center_sessions_{section}", page)
        self.assertEqual(three_lists, one_list)
