from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.expert_base.tests.common import PageQueriesMixin
from odoo.addons.session_booking.controllers import portal

from .common import MONDAY, SessionBookingCommon


@tagged("post_install", "-at_install")
class TestSessionQueryBudgets(PageQueriesMixin, SessionBookingCommon, HttpCase):
    """Hot pages and the slot planner cost the same number of queries
    whatever the number of sessions and calendar events."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(MONDAY):
            cls.line = cls._paid_package_line(quantity=4)

    def _book_many(self, count, first_day=datetime(2031, 1, 7)):
        start = self._utc(first_day.replace(hour=9))
        for n in range(count):
            self.line._session_book(start + timedelta(days=7 * n))

    def test_my_sessions_constant_queries(self):
        self.authenticate("client_a", "client_a")
        self._book_many(1)
        few = self._page_queries("/my/sessions")
        self._book_many(12, first_day=datetime(2031, 1, 8))
        many = self._page_queries("/my/sessions")
        self.assertEqual(few, many)
        self.assertLessEqual(many, 60)

    def test_my_sessions_reads_upcoming_and_past_in_one_query(self):
        """Upcoming and past sessions share one prefetch: a page with both
        lists costs what a page with upcoming sessions only costs."""
        self.authenticate("client_a", "client_a")
        self._book_many(2)
        upcoming_only = self._page_queries("/my/sessions")
        self.line.session_booking_ids[:1].write({"state": "done"})
        self.assertEqual(self._page_queries("/my/sessions"), upcoming_only)

    def _slot_queries(self):
        planner = self.env["session.slot"]
        now = datetime.now()
        planner._get_free_slots(self.line, now, now + timedelta(days=30))
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        slots = planner._get_free_slots(self.line, now, now + timedelta(days=30))
        queries = self.cr.sql_log_count - before
        self.assertTrue(slots)
        return queries

    def test_slot_computation_constant_queries(self):
        few = self._slot_queries()
        self.env["calendar.event"].create(
            [
                {
                    "name": f"Busy {n}",
                    "start": datetime.now() + timedelta(days=1 + n % 28, hours=n % 9),
                    "stop": datetime.now() + timedelta(days=1 + n % 28, hours=n % 9, minutes=20),
                    "user_id": self.expert_a.id,
                    "partner_ids": [Command.set(self.expert_a.partner_id.ids)],
                }
                for n in range(200)
            ]
        )
        many = self._slot_queries()
        self.assertEqual(few, many)
        self.assertLessEqual(many, 10)

    def test_my_sessions_constant_queries_with_packages(self):
        """More paid packages (orders) do not add queries per package."""
        self.authenticate("client_a", "client_a")
        few = self._page_queries("/my/sessions")
        with freeze_time(MONDAY):
            for _n in range(5):
                self._paid_package_line()
        many = self._page_queries("/my/sessions")
        self.assertLessEqual(many, few + 2)

    def test_my_sessions_lists_a_bounded_number_of_packages(self):
        """The page does not grow with the client's history: the latest
        packages with sessions left, and a pointer to the orders."""
        self.authenticate("client_a", "client_a")
        with freeze_time(MONDAY):
            self._paid_package_line()
            self._paid_package_line()
        with patch.object(portal, "PACKAGES_SHOWN", 2):
            html = self.url_open("/my/sessions").text
        self.assertEqual(html.count("o_session_book_button"), 2)
        self.assertIn("o_session_more", html)
        with patch.object(portal, "PACKAGES_SHOWN", 3):
            html = self.url_open("/my/sessions").text
        self.assertEqual(html.count("o_session_book_button"), 3)
        self.assertNotIn("o_session_more", html)

    def test_my_sessions_constant_queries_with_sessions_of_unlisted_packages(self):
        """A session whose package is not listed (used up) costs no query
        more: its package, product and expert are read with the listed
        ones."""
        self.authenticate("client_a", "client_a")
        self._book_many(1)
        few = self._page_queries("/my/sessions")
        single = self._create_package(self.expert_b, "1 session with B", 100.0, session_count=1)
        with freeze_time(MONDAY):
            used_up = self._paid_package_line(product=single)
        week = (datetime(2031, 1, 13), datetime(2031, 1, 18))
        used_up._session_book(self.env["session.slot"]._get_free_slots(used_up, *week)[0])
        self.assertEqual(used_up.session_remaining, 0)
        self.assertEqual(self._page_queries("/my/sessions"), few)
