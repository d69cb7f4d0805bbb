import logging
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common import NOW, InvoiceFollowupCommon

_logger = logging.getLogger(__name__)

# The warm invoice page of a logged-in customer (stock Odoo's page plus the
# view count: one UPDATE, the chatter note only on the day's first view).
INVOICE_PAGE_BUDGET = 40
# Queries of the resend cron per invoice (lock, checks, Send & Print with the
# PDF already made, the mail, the counters): 47 measured.
RESEND_QUERIES_PER_INVOICE = 60


@tagged("post_install", "-at_install")
class TestFollowupPerformance(InvoiceFollowupCommon, HttpCase):
    def _page_queries(self, url):
        self.url_open(url, timeout=60)  # warm up the caches (views, translations, assets)
        start = self.cr.sql_log_count
        response = self.url_open(url, timeout=60)
        self.assertEqual(response.status_code, 200, url)
        return self.cr.sql_log_count - start

    def test_invoice_page_counts_a_view_in_one_query(self):
        invoice = self._invoice()
        self._due_invoices(10)
        url = f"/my/invoices/{invoice.id}"
        self.authenticate("client_a", "client_a")
        with patch.object(type(invoice), "_followup_register_view", lambda move, user: False):
            uncounted = self._page_queries(url)
        customer = self._page_queries(url)
        self.assertLessEqual(customer, INVOICE_PAGE_BUDGET)
        # counting the view is one UPDATE (the day's note is already there)
        self.assertLessEqual(customer - uncounted, 1, (customer, uncounted))
        self._due_invoices(490)
        self.assertEqual(self._page_queries(url), customer, "whatever the number of the customer's invoices")

    def _cron_queries(self, count, when):
        invoices = self.env["account.move"].concat(*(self._invoice(10.0 + number) for number in range(count)))
        for invoice in invoices:
            self._send(invoice)
        self.env.invalidate_all()
        with freeze_time(when):
            start = self.cr.sql_log_count
            outcomes = self.env["account.move"]._cron_followup_resend()
            queries = self.cr.sql_log_count - start
        self.assertEqual(outcomes["sent"], count)
        return queries

    def test_resend_cron_queries_grow_linearly(self):
        when = NOW + timedelta(days=15)
        self._cron_queries(2, when)  # warm up (templates, reports, mail layouts)
        runs = {count: self._cron_queries(count, when) for count in (3, 6, 12)}
        _logger.info("resend cron queries by number of invoices: %s", runs)
        low = (runs[6] - runs[3]) / 3
        high = (runs[12] - runs[6]) / 6
        # the same cost per invoice for the 4th to 6th invoice and the 7th to 12th
        self.assertAlmostEqual(high, low, delta=low * 0.1 + 1, msg=runs)
        self.assertLessEqual(high, RESEND_QUERIES_PER_INVOICE, runs)
