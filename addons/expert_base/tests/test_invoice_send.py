import io

from PyPDF2 import PdfFileReader

from odoo.tests import tagged
from odoo.tools import config

from odoo.addons.expert_base.models.ir_actions_report import wkhtmltopdf_renders_several

from .common import ExpertPlatformCommon, count_wkhtmltopdf_runs


@tagged("post_install", "-at_install")
class TestInvoiceSendBatch(ExpertPlatformCommon):
    """Send & Print's cron renders the queued invoices' PDFs in one
    wkhtmltopdf run (with a wkhtmltopdf that takes several documents, as
    Odoo recommends; one run per invoice with the others), each invoice
    gets its own PDF and one mail."""

    def setUp(self):
        super().setUp()
        # wkhtmltopdf loads the report's styles from the test server
        self.env["ir.config_parameter"].set_param("report.url", f"http://127.0.0.1:{config['http_port']}")
        # what the database had queued is not this test's business
        self.env["account.move"].search([("send_and_print_values", "!=", False)]).send_and_print_values = False

    def _queue(self, invoices):
        template = self.env.ref("account.email_template_edi_invoice")
        invoices.write(
            {
                "send_and_print_values": {
                    "mail_template_id": template.id,
                    "sp_partner_id": self.env.user.partner_id.id,
                    "sp_user_id": self.env.user.id,
                    "download": False,
                    "send_mail": True,
                }
            }
        )

    def _run_cron(self):
        with count_wkhtmltopdf_runs(self.env) as calls:
            self.env["account.move"].with_context(force_report_rendering=True)._cron_account_move_send(job_count=10)
        return calls

    def _sent_messages(self, invoice):
        return invoice.message_ids.filtered(lambda message: message.attachment_ids)

    def test_queued_invoices_rendered_in_one_run_each_with_its_own_pdf(self):
        invoices = self.env["account.move"]
        for product in (self.product_a, self.product_b, self.product_a):
            invoices |= self._invoice_order(self._create_order(product))
        self._queue(invoices)
        self.assertEqual(self._run_cron(), [3] if wkhtmltopdf_renders_several() else [1, 1, 1])
        for invoice in invoices:
            self.assertFalse(invoice.send_and_print_values)
            self.assertTrue(invoice.is_move_sent)
            pdf = PdfFileReader(io.BytesIO(invoice.invoice_pdf_report_id.raw))
            self.assertEqual(pdf.getNumPages(), 1)
            messages = self._sent_messages(invoice)
            self.assertEqual(len(messages), 1)
            self.assertEqual(messages.attachment_ids.raw, invoice.invoice_pdf_report_id.raw)
        # each invoice its own document, not a copy of the batch's first
        self.assertEqual(len({invoice.invoice_pdf_report_id.raw for invoice in invoices}), 3)
        # idempotent: nothing left to send, nothing sent twice
        self.assertEqual(self._run_cron(), [])
        for invoice in invoices:
            self.assertEqual(len(self._sent_messages(invoice)), 1)

    def test_one_invoice_keeps_odoos_own_rendering(self):
        invoice = self._invoice_order(self._create_order(self.product_a))
        self._queue(invoice)
        self.assertEqual(self._run_cron(), [1])
        self.assertTrue(invoice.invoice_pdf_report_id.raw.startswith(b"%PDF"))

    def test_a_context_from_rpc_cannot_supply_pdfs(self):
        invoices = self._invoice_order(self._create_order(self.product_a)) | self._invoice_order(
            self._create_order(self.product_b)
        )
        self._queue(invoices)
        forged = {invoice.id: b"forged" for invoice in invoices}
        self.env["account.move"].with_context(
            force_report_rendering=True, expert_invoice_pdf_batch=forged
        )._cron_account_move_send(job_count=10)
        for invoice in invoices:
            self.assertTrue(invoice.invoice_pdf_report_id.raw.startswith(b"%PDF"))
