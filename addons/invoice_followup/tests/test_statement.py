import io
from datetime import datetime, timedelta

from freezegun import freeze_time
from PyPDF2 import PdfFileReader

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import config

from odoo.addons.expert_base.models.ir_actions_report import wkhtmltopdf_renders_several
from odoo.addons.expert_base.tests.common import count_wkhtmltopdf_runs

from .common import NOW, InvoiceFollowupCommon


@tagged("post_install", "-at_install")
class TestMonthlyStatement(InvoiceFollowupCommon):
    """Every month, on the chosen day, each customer with an open balance
    gets its statement, sent to its accounts-payable contact."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"invoice_statement_enabled": True, "invoice_statement_day": 5})
        # the statements of the demo customers are not this test's business
        cls.env.cr.execute("UPDATE res_partner SET invoice_statement_optout = TRUE")
        cls.env["res.partner"].invalidate_model(["invoice_statement_optout"])
        cls.customer = cls.env["res.partner"].create(
            {"name": "Northwind Studio", "is_company": True, "email": "office@northwind.example.com"}
        )
        cls.payable = cls.env["res.partner"].create(
            {
                "name": "Nora Payable",
                "parent_id": cls.customer.id,
                "type": "invoice",
                "email": "ap@northwind.example.com",
            }
        )
        cls.employee = cls.env["res.partner"].create(
            {
                "name": "Ned Employee",
                "parent_id": cls.customer.id,
                "type": "contact",
                "email": "ned@northwind.example.com",
            }
        )
        cls.invoice = cls._invoice(200.0, partner=cls.employee, when=NOW - timedelta(days=40))
        cls.statement_day = datetime(2030, 3, 5, 6, 0)

    def _run(self, when):
        with freeze_time(when):
            sent = self.env["invoice.followup.statement"]._cron_send_monthly_statements()
        self.env.invalidate_all()
        return sent

    def _statements(self, partner=None):
        return self.env["invoice.followup.statement"].search([("partner_id", "=", (partner or self.customer).id)])

    def test_sent_to_the_accounts_payable_contact(self):
        self.assertEqual(self.customer._invoice_statement_recipient(), self.payable)
        self.assertEqual(self._run(self.statement_day), 1)
        statement = self._statements()
        self.assertEqual(len(statement), 1)
        self.assertEqual(statement.period.isoformat(), "2030-03-01")
        self.assertEqual(statement.recipient_id, self.payable)
        self.assertEqual((statement.invoice_count, statement.amount_due), (1, 200.0))
        message = statement.message_id
        self.assertEqual(message.model, "res.partner")
        self.assertEqual(message.res_id, self.customer.id, "logged on the customer")
        self.assertEqual(message.partner_ids, self.payable)
        self.assertEqual(message.subject, "Statement of account")
        self.assertEqual(message.attachment_ids.mapped("name"), ["Statement 2030-03.pdf"])
        # the statement the client center produces: the open invoice is on it
        self.assertIn(self.invoice.name, message.attachment_ids.raw.decode())
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertEqual(mail.recipient_ids, self.payable)
        self.assertEqual(mail.state, "outgoing", "queued for the mail queue")

    def test_falls_back_to_the_customer(self):
        self.payable.type = "contact"
        self.assertEqual(self.customer._invoice_statement_recipient(), self.customer)
        self._run(self.statement_day)
        self.assertEqual(self._statements().recipient_id, self.customer)

    def test_nobody_to_mail(self):
        self.payable.email = False
        self.customer.email = False
        self.assertEqual(self._run(self.statement_day), 0)
        self.assertFalse(self._statements())

    def test_one_statement_per_period(self):
        self._run(self.statement_day)
        self.assertEqual(self._run(self.statement_day + timedelta(hours=3)), 0, "the cron runs twice")
        self.assertEqual(self._run(self.statement_day + timedelta(days=10)), 0, "later that month")
        self.assertEqual(len(self._statements()), 1)
        self.assertEqual(self._run(datetime(2030, 4, 5, 6, 0)), 1, "next month")
        self.assertEqual(self._statements().mapped("period")[0].isoformat(), "2030-04-01")

    def test_not_before_the_day(self):
        self.assertEqual(self._run(datetime(2030, 3, 4, 12, 0)), 0)
        self.assertFalse(self._statements())

    def test_day_past_the_end_of_the_month(self):
        self.company.invoice_statement_day = 31
        self.assertEqual(self._run(datetime(2030, 2, 27, 6, 0)), 0)
        self.assertEqual(self._run(datetime(2030, 2, 28, 6, 0)), 1, "the last day of February")

    def test_opt_out(self):
        self.customer.invoice_statement_optout = True
        self.assertTrue(self.employee.invoice_statement_optout, "kept on every contact of the customer")
        self.assertEqual(self._run(self.statement_day), 0)

    def test_no_open_balance(self):
        self._register_payment(self.invoice)
        self.assertEqual(self._run(self.statement_day), 0)

    def test_disabled(self):
        self.company.invoice_statement_enabled = False
        self.assertEqual(self._run(self.statement_day), 0)

    def test_batches_trigger_the_cron_again(self):
        others = self.env["res.partner"].create(
            [{"name": f"Customer {number}", "email": f"c{number}@example.com"} for number in range(2)]
        )
        for partner in others:
            self._invoice(50.0, partner=partner, when=NOW - timedelta(days=40))
        triggers = self.env["ir.cron.trigger"].search_count([])
        with freeze_time(self.statement_day):
            self.assertEqual(self.env["invoice.followup.statement"]._cron_send_monthly_statements(batch_size=2), 2)
        self.assertEqual(self.env["ir.cron.trigger"].search_count([]), triggers + 1)
        self.assertEqual(self._run(self.statement_day), 1)

    def test_statements_rendered_together_each_with_its_own_pdf(self):
        """The cron renders its customers' statements with one wkhtmltopdf
        run (with a wkhtmltopdf that takes several documents; one run each
        with the others) and mails each customer its own."""
        others = self.env["res.partner"].create(
            [{"name": f"Customer {number}", "email": f"c{number}@example.com"} for number in range(2)]
        )
        invoices = {self.customer: self.invoice}
        for partner in others:
            invoices[partner] = self._invoice(50.0, partner=partner, when=NOW - timedelta(days=40))
        # the first statement runs over two pages: the batch is split per
        # customer by its top-level headings, not one page per customer
        for _number in range(30):
            self._invoice(10.0, partner=self.employee, when=NOW - timedelta(days=40))
        # real time (wkhtmltopdf loads the report's styles from the test
        # server): the statement day has come, the invoices are open
        self.company.invoice_statement_day = 1
        self.env["ir.config_parameter"].set_param("report.url", f"http://127.0.0.1:{config['http_port']}")
        with count_wkhtmltopdf_runs(self.env) as calls:
            Statement = self.env["invoice.followup.statement"].with_context(force_report_rendering=True)
            self.assertEqual(Statement._cron_send_monthly_statements(), 3)
        self.assertEqual(calls, [3] if wkhtmltopdf_renders_several() else [1, 1, 1])
        documents = set()
        for customer, invoice in invoices.items():
            raw = self._statements(customer).message_id.attachment_ids.raw
            self.assertTrue(raw.startswith(b"%PDF"))
            pdf = PdfFileReader(io.BytesIO(raw))
            self.assertEqual(pdf.getNumPages() > 1, customer == self.customer)
            text = "".join(pdf.getPage(number).extractText() for number in range(pdf.getNumPages()))
            # its own open invoice, no other customer's
            self.assertIn(invoice.name, text)
            for other, other_invoice in invoices.items():
                if other != customer:
                    self.assertNotIn(other_invoice.name, text)
            documents.add(raw)
        self.assertEqual(len(documents), 3)

    def test_invalid_statement_day(self):
        for day in (0, 32, -1):
            with self.assertRaises(ValidationError), self.cr.savepoint():
                self.company.invoice_statement_day = day
