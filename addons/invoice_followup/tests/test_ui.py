import re

from odoo.tests import HttpCase, tagged

from .common import InvoiceFollowupCommon


@tagged("post_install", "-at_install")
class TestFollowupTours(InvoiceFollowupCommon, HttpCase):
    """Walked in Chromium: the customer opens the invoice from the email's
    link, and the practice sees the counters move."""

    def test_customer_opens_the_invoice_from_the_email(self):
        self.platform_manager.tz = "Europe/Brussels"
        invoice = self._invoice(100.0)
        self._send(invoice)
        message = self._sent_messages(invoice)
        self.assertEqual(len(message), 1)
        link = re.search(r'href="[^"]*(/my/invoices/%d\?access_token=[^"]+)"' % invoice.id, message.body)
        self.assertTrue(link, "the email holds the invoice link")
        url = link.group(1).replace("&amp;", "&")
        self.start_tour(url, "invoice_followup_email_link_tour", timeout=120)
        invoice.invalidate_recordset()
        self.assertEqual(invoice.portal_view_count, 1)
        self.assertTrue(invoice.message_ids.filtered(lambda m: "viewed by the customer" in (m.body or "")))
        self.start_tour(
            f"/web#id={invoice.id}&model=account.move&view_type=form",
            "invoice_followup_counters_tour",
            login="platform_manager",
            timeout=120,
        )
        invoice.invalidate_recordset()
        self.assertEqual(invoice.portal_view_count, 1, "staff opening the invoice is not a view")
