from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestClientCenterPayTour(HttpCase):
    """A client pays two overdue invoices at once in the client center with
    the demo provider: one transaction, one payment, both invoices paid."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        website = cls.env.ref("website.default_website")
        website.company_id = cls.env.company
        cls.client = new_test_user(cls.env, login="cc_pay_client", groups="base.group_portal", tz="Europe/Paris")
        cls.client.partner_id.write(
            {
                "name": "Pay Tour Client",
                "email": "pay.tour.client@example.com",
                "street": "Rue de la Loi 16",
                "city": "Brussels",
                "zip": "1000",
                "country_id": cls.env.ref("base.be").id,
            }
        )
        product = cls.env["product.product"].create({"name": "Coaching", "type": "service", "list_price": 50.0})
        today = fields.Date.context_today(cls.env.user)
        cls.invoices = cls.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.client.partner_id.id,
                    "invoice_date": today - timedelta(days=40),
                    "invoice_date_due": today - timedelta(days=days),
                    "invoice_line_ids": [
                        Command.create({"product_id": product.id, "price_unit": amount, "tax_ids": [Command.clear()]})
                    ],
                }
                for amount, days in ((80.0, 10), (50.0, 3))
            ]
        )
        cls.invoices.action_post()
        journal = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.env["payment.provider"].sudo().search([("code", "=", "demo")]).write(
            {"state": "test", "is_published": True, "journal_id": journal.id, "company_id": cls.env.company.id}
        )

    def test_pay_two_overdue_invoices_at_once(self):
        self.start_tour("/client-center", "expert_platform_client_center_pay_tour", login="cc_pay_client", timeout=180)
        for invoice in self.invoices:
            self.assertIn(invoice.payment_state, ("paid", "in_payment"), invoice.name)
        transactions = self.env["payment.transaction"].search([("invoice_ids", "in", self.invoices.ids)])
        self.assertEqual(len(transactions), 1)
        self.assertEqual(transactions.invoice_ids, self.invoices)
        self.assertEqual(transactions.amount, 130.0)
        self.assertEqual(transactions.state, "done")
        self.assertEqual(len(transactions.payment_id), 1)
