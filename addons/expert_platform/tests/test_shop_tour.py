from odoo import Command
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
