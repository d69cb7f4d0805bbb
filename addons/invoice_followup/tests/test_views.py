import re
from datetime import timedelta

from odoo.tests import HttpCase, new_test_user, tagged

from .common import InvoiceFollowupCommon


@tagged("post_install", "-at_install")
class TestViewCounting(InvoiceFollowupCommon, HttpCase):
    """A view counts when the customer opens the invoice page, through its
    link or logged in; never staff, robots, other customers, nor the
    documents the page (or a mail scanner) fetches."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice()
        cls.invoice._portal_ensure_token()
        cls.staff = new_test_user(cls.env, login="followup_staff", groups="account.group_account_invoice")

    def _open(self, url=None, **params):
        response = self.url_open(url or self.invoice.get_portal_url(**params), allow_redirects=False, timeout=60)
        self.invoice.invalidate_recordset()
        return response

    def _notes(self):
        return self.invoice.message_ids.filtered(lambda message: "viewed by the customer" in (message.body or ""))

    def test_customer_with_the_link(self):
        self.assertEqual(self._open().status_code, 200)
        self.assertEqual(self.invoice.portal_view_count, 1)
        self.assertTrue(self.invoice.first_viewed_at)
        self.assertEqual(self.invoice.first_viewed_at, self.invoice.last_viewed_at)
        note = self._notes()
        self.assertEqual(len(note), 1)
        self.assertEqual(note.author_id, self.client_partner)
        self.assertIn(self.expert_a.partner_id, note.partner_ids, "the salesperson is told, as sale does")
        self.assertTrue(note.subtype_id.internal, "an internal note: the customer does not see it")
        # again the same day: counted, no second note
        self._open()
        self.assertEqual(self.invoice.portal_view_count, 2)
        self.assertEqual(len(self._notes()), 1)
        # the next day: a new note
        yesterday = self.invoice.last_viewed_at - timedelta(days=1)
        self.env.cr.execute("UPDATE account_move SET last_viewed_at = %s WHERE id = %s", [yesterday, self.invoice.id])
        self.invoice.invalidate_recordset()
        self._open()
        self.assertEqual(self.invoice.portal_view_count, 3)
        self.assertEqual(len(self._notes()), 2)

    def test_customer_logged_in(self):
        self.authenticate("client_a", "client_a")
        self.assertEqual(self._open(f"/my/invoices/{self.invoice.id}").status_code, 200)
        self.assertEqual(self.invoice.portal_view_count, 1)

    def test_customer_from_the_client_center(self):
        self.authenticate("client_a", "client_a")
        panel = self.url_open("/client-center/main/invoices", timeout=60)
        self.assertEqual(panel.status_code, 200)
        links = re.findall(r'href="(/my/invoices/%d[^"]*)"' % self.invoice.id, panel.text)
        page = next(link for link in links if "report_type" not in link).replace("&amp;", "&")
        document = next(link for link in links if "report_type=pdf" in link).replace("&amp;", "&")
        self.assertEqual(self._open(document).status_code, 200)
        self.assertEqual(self.invoice.portal_view_count, 0, "downloading the PDF is not a view")
        self.assertEqual(self._open(page).status_code, 200)
        self.assertEqual(self.invoice.portal_view_count, 1)

    def test_staff_is_not_counted(self):
        self.authenticate("followup_staff", "followup_staff")
        self.assertEqual(self._open().status_code, 200)
        self.authenticate("admin", "admin")
        self.assertEqual(self._open(f"/my/invoices/{self.invoice.id}").status_code, 200)
        self.assertEqual(self.invoice.portal_view_count, 0)
        self.assertFalse(self._notes())

    def test_another_customer_is_not_counted(self):
        self.authenticate("client_b", "client_b")
        # without the link: sent away
        response = self._open(f"/my/invoices/{self.invoice.id}")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.invoice.portal_view_count, 0)
        # with a forwarded link: the page opens, it is not the customer's view
        self.assertEqual(self._open().status_code, 200)
        self.assertEqual(self.invoice.portal_view_count, 0)

    def test_wrong_token_and_bad_ids(self):
        url = f"/my/invoices/{self.invoice.id}?access_token=not-the-token"
        self.assertEqual(self._open(url).status_code, 303)
        for url in ("/my/invoices/2147483648?access_token=x", "/my/invoices/99999999999999999999", "/my/invoices/0"):
            self.assertIn(self._open(url).status_code, (303, 404), url)
        self.assertEqual(self.invoice.portal_view_count, 0)

    def test_documents_are_not_views(self):
        self.assertEqual(self._open(report_type="pdf", download=True).status_code, 200)
        self.assertEqual(self._open(report_type="html").status_code, 200)
        self.assertEqual(self.invoice.portal_view_count, 0)

    def test_robots_are_not_counted(self):
        response = self.url_open(
            self.invoice.get_portal_url(), headers={"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"}, timeout=60
        )
        self.assertEqual(response.status_code, 200)
        self.invoice.invalidate_recordset()
        self.assertEqual(self.invoice.portal_view_count, 0)

    def test_login_required_before_the_document(self):
        self.company.invoice_pdf_login_required = True
        page = self._open()
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_invoice_followup_login_notice", page.text)
        self.assertNotIn("report_type=html", page.text, "the document is not shown")
        self.assertEqual(self.invoice.portal_view_count, 1, "opening the page is a view")
        for report_type in ("pdf", "html"):
            response = self._open(report_type=report_type, download=True)
            self.assertEqual(response.status_code, 303)
            self.assertIn("/web/login", response.headers["Location"])
        # logged in as the customer, the document opens
        self.authenticate("client_a", "client_a")
        response = self._open(f"/my/invoices/{self.invoice.id}?report_type=pdf&download=true")
        self.assertEqual(response.status_code, 200)
        page = self._open(f"/my/invoices/{self.invoice.id}")
        self.assertIn("report_type=html", page.text)
        self.assertNotIn("o_invoice_followup_login_notice", page.text)
