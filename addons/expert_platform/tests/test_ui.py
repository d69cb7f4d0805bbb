"""The suite's browser tours across modules: buy and book in the shop, pay
invoices in the client center, buy a monthly plan and change its card."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


class ShopTourCase(HttpCase):
    """The website of the company, its demo payment provider published, and
    helpers for shop tours."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env.ref("website.default_website")
        cls.website.company_id = cls.env.company
        journal = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.env["payment.provider"].sudo().search([("code", "=", "demo")]).write(
            {"state": "test", "is_published": True, "journal_id": journal.id, "company_id": cls.env.company.id}
        )

    @classmethod
    def _shop_client(cls, login, name):
        """A portal client whose complete address skips the checkout's address step."""
        client = new_test_user(cls.env, login=login, groups="base.group_portal", tz="Europe/Paris")
        client.partner_id.write(
            {
                "name": name,
                "email": f"{login}@example.com",
                "phone": "+32 2 555 55 55",
                "street": "Rue de la Loi 16",
                "city": "Brussels",
                "zip": "1000",
                "country_id": cls.env.ref("base.be").id,
            }
        )
        return client


@tagged("post_install", "-at_install")
class TestShopBuyAndBook(ShopTourCase):
    """A client buys a package on /shop, pays with the demo provider, books a
    session and sees its join link; the expert finds it in the calendar."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        website = cls.website
        cls.expert = new_test_user(
            cls.env, login="tour_expert", groups="expert_base.group_expert", tz="Europe/Brussels"
        )
        cls.client = cls._shop_client("tour_client", "Tour Client")
        calendar = cls.env["resource.calendar"].create(
            {
                "name": "Every day",
                "attendance_ids": [
                    Command.create({"name": f"Day {day}", "dayofweek": str(day), "hour_from": 8, "hour_to": 18})
                    for day in range(7)
                ],
            }
        )
        cls.package = cls.env["product.template"].create(
            {
                "name": "Tour Coaching Package",
                "expert_id": cls.expert.id,
                "detailed_type": "service",
                "invoice_policy": "order",
                "list_price": 120.0,
                "taxes_id": [Command.clear()],
                "is_published": True,
                "website_id": website.id,
                "is_session_package": True,
                "session_count": 3,
                "session_notice_hours": 1,
                "session_availability_id": calendar.id,
            }
        )

    def test_buy_pay_and_book(self):
        self.start_tour(
            "/shop?search=Tour Coaching Package",
            "expert_platform_shop_buy_and_book_tour",
            login="tour_client",
            timeout=180,
        )
        order = self.env["sale.order"].search([("partner_id", "=", self.client.partner_id.id)])
        self.assertEqual(order.state, "sale")
        self.assertTrue(order._session_is_paid())
        invoice = order.invoice_ids
        self.assertEqual(invoice.state, "posted")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        booking = order.session_booking_ids
        self.assertEqual(len(booking), 1)
        self.assertEqual(order.order_line.session_remaining, 2)
        self.assertEqual(order.booking_status, "partially_booked")
        events = (
            self.env["calendar.event"].with_user(self.expert).search([("partner_ids", "in", self.expert.partner_id.id)])
        )
        self.assertIn(booking.calendar_event_id, events)


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


@tagged("post_install", "-at_install")
class TestRecurringShopTour(ShopTourCase):
    """A client buys a monthly plan in the shop (the card is saved), finds it
    in the client center and changes its card."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.expert = new_test_user(
            cls.env, login="plan_expert", groups="expert_base.group_expert", tz="Europe/Brussels"
        )
        cls.client = cls._shop_client("plan_client", "Plan Client")
        cls.plan = cls.env["product.template"].create(
            {
                "name": "Tour Monthly Plan",
                "expert_id": cls.expert.id,
                "detailed_type": "service",
                "invoice_policy": "order",
                "list_price": 90.0,
                "taxes_id": [Command.clear()],
                "is_published": True,
                "website_id": cls.website.id,
                "is_session_package": True,
                "session_count": 2,
                "is_recurring": True,
                "recurring_interval_unit": "month",
                "recurring_payment_count": 6,
            }
        )
        cls.provider = cls.env.ref("payment.payment_provider_demo")
        # another card the client saved before
        cls.other_card = cls.env["payment.token"].create(
            {
                "provider_id": cls.provider.id,
                "payment_method_id": cls.env.ref("payment_demo.payment_method_demo").id,
                "partner_id": cls.client.partner_id.id,
                "payment_details": "1111",
                "provider_ref": "demo-tour-1111",
                "demo_simulated_state": "done",
            }
        )

    def test_buy_a_plan_and_change_its_card(self):
        self.start_tour(
            "/shop?search=Tour Monthly Plan", "expert_platform_recurring_buy_tour", login="plan_client", timeout=240
        )
        order = self.env["sale.order"].search([("partner_id", "=", self.client.partner_id.id)])
        self.assertEqual(order.state, "sale")
        recurring = order.started_recurring_order_ids
        self.assertEqual(recurring.state, "active")
        self.assertEqual((recurring.amount, recurring.payment_count, recurring.payments_done), (90.0, 6, 1))
        saved = order.transaction_ids.token_id
        self.assertTrue(saved.payment_details.endswith("4242"), "the checkout saved the card")
        self.assertEqual(recurring.payment_token_id, self.other_card, "then the client changed it")
