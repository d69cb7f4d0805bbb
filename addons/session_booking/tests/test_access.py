from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.expert_base.tests.common import PortalFormMixin

from .common import MONDAY, SessionBookingCommon

NOW = MONDAY.replace(hour=6)


@tagged("post_install", "-at_install")
class TestSessionAccess(PortalFormMixin, SessionBookingCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_b_user = cls.env["res.users"].create(
            {
                "name": "Client B",
                "login": "client_b",
                "password": "client_b_pass",
                "groups_id": [(6, 0, cls.env.ref("base.group_portal").ids)],
            }
        )
        with freeze_time(NOW):
            cls.line = cls._paid_package_line()
            cls.line_b = cls._paid_package_line(partner=cls.client_b_user.partner_id)
        cls.start = cls._utc(MONDAY.replace(year=2031, day=7, hour=9))  # a Tuesday, far ahead
        cls.booking = cls.line._session_book(cls.start)
        cls.booking_b = cls.line_b._session_book(cls.start + timedelta(hours=1))

    def test_models(self):
        Booking = self.env["session.booking"]
        self.assertEqual(Booking.with_user(self.client_user).search([]), self.booking)
        with self.assertRaises(AccessError):
            self.booking_b.with_user(self.client_user).read(["name"])
        with self.assertRaises(AccessError):
            self.booking.with_user(self.client_user).write({"state": "done"})
        with self.assertRaises(AccessError):
            self.line_b.with_user(self.client_user)._session_book(self.start + timedelta(hours=2))
        with self.assertRaises(AccessError):
            self.booking.with_user(self.expert_b).read(["name"])
        self.assertEqual(self.booking.with_user(self.platform_manager).read(["name"])[0]["name"], self.booking.name)

    def test_routes_foreign_ids_answer_404(self):
        self.authenticate("client_a", "client_a")
        self.assertEqual(self.url_open("/my/sessions").status_code, 200)
        self.assertEqual(self.url_open(f"/my/sessions/{self.booking.id}").status_code, 200)
        for url in (
            f"/my/sessions/{self.booking_b.id}",
            f"/my/sessions/book/{self.line_b.id}",
            f"/my/sessions/book/{self.line_b.order_id.order_line.id + 10000}",
            "/my/sessions/999999",
            "/my/sessions/book/abc",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        csrf = self._csrf(f"/my/sessions/{self.booking.id}")
        response = self.url_open(f"/my/sessions/{self.booking_b.id}/cancel", data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.booking_b.state, "booked")
        response = self.url_open(
            f"/my/sessions/book/{self.line_b.id}", data={"csrf_token": csrf, "start": "2031-01-07 09:00:00"}
        )
        self.assertEqual(response.status_code, 404)

    def test_post_without_csrf_is_refused(self):
        self.authenticate("client_a", "client_a")
        with mute_logger("odoo.http"):
            response = self.url_open(f"/my/sessions/{self.booking.id}/cancel", data={"reason": "x"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.booking.state, "booked")

    def test_public_user_is_sent_to_login(self):
        response = self.url_open("/my/sessions", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
        self.assertEqual(self.url_open(f"/my/sessions/{self.booking.id}").status_code, 404)

    def test_malformed_and_double_cancel(self):
        self.authenticate("client_a", "client_a")
        csrf = self._csrf(f"/my/sessions/{self.booking.id}")
        count = self.env["session.booking"].search_count([])
        line = self._page_package_line()
        for start in ("garbage", "", "2031-13-45 25:00:00", "2020-01-01 09:00:00"):
            with self.subTest(start=start):
                response = self.url_open(f"/my/sessions/book/{line.id}", data={"csrf_token": csrf, "start": start})
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_session_book_error", response.text)
        self.assertEqual(self.env["session.booking"].search_count([]), count)
        self.assertIn("not valid", self.url_open(f"/my/sessions/book/{line.id}?date=31-31-31").text)
        self.url_open(f"/my/sessions/{self.booking.id}/cancel", data={"csrf_token": csrf})
        self.assertEqual(self.booking.state, "cancelled")
        response = self.url_open(f"/my/sessions/{self.booking.id}/cancel", data={"csrf_token": csrf})
        self.assertIn("cannot be cancelled", response.text)
        self.assertEqual(self.booking.state, "cancelled")

    def test_times_in_partner_zone_else_browser_zone(self):
        self.authenticate("client_a", "client_a")
        url = f"/my/sessions/{self.booking.id}"
        # Tuesday 7 January 2031, 9:00 in Brussels = 8:00 UTC
        self.assertIn("(Europe/Paris)", self.url_open(url).text)
        self.assertIn("09:00", self.url_open(url).text)
        self.client_user.tz = False
        self.opener.cookies.set("tz", "America/New_York")
        page = self.url_open(url).text
        self.assertIn("(America/New_York)", page)
        self.assertIn("03:00", page)
        self.opener.cookies.set("tz", "Not/AZone")
        self.assertIn("(UTC)", self.url_open(url).text)

    def test_salesperson_reads_orders_with_sessions(self):
        """Sales users who are not experts still read orders (Odoo's own
        sale access tests do): session counters are computed as superuser."""
        salesman = self.env["res.users"].create(
            {
                "name": "Plain salesman",
                "login": "plain_salesman",
                "groups_id": [(6, 0, self.env.ref("sales_team.group_sale_manager").ids)],
            }
        )
        order = self.line.order_id.with_user(salesman)
        self.assertEqual(order.session_booking_count, 1)
        self.assertEqual(order.booking_status, "partially_booked")

    def test_order_portal_page_lists_sessions(self):
        self.authenticate("client_a", "client_a")
        page = self.url_open(self.line.order_id.get_portal_url())
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_sale_order_sessions", page.text)
        self.assertIn(self.booking.name, page.text)
        self.assertIn(f"/my/sessions/book/{self.line.id}", page.text)

    def test_client_cannot_cancel_through_rpc_as_platform(self):
        """action_cancel is public: a client calling it directly (JSON-RPC)
        must not choose who cancelled to dodge a fee."""
        with self.assertRaises(AccessError):
            self.booking.with_user(self.client_user).action_cancel(cancelled_by="platform")
        self.assertEqual(self.booking.state, "booked")
