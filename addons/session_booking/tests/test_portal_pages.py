"""What the client reads on /my/sessions* (issues 13.7, 13.8, 15.3, 15.5,
15.6, 15.11): bad input answers a clear message or 400/404 and writes
nothing; the booking window is the model's horizon; times in the reader's
zone, named, daylight saving included; upcoming, past and cancelled
sessions apart; the cancellation in the session's messages."""

import re
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.expert_base.tests.common import PortalFormMixin

from .common import MONDAY, SessionBookingCommon

BIG_ID = 2**31  # beyond PostgreSQL's integer
HUGE_ID = 10**30


@tagged("post_install", "-at_install")
class TestSessionPortalPages(PortalFormMixin, SessionBookingCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(MONDAY):
            cls.line = cls._paid_package_line()
        # booked through the pages: the default horizon (the fixtures' ten
        # years would make each booking page compute ten years of slots)
        cls.page_line = cls._page_package_line()
        cls.start = cls._utc(MONDAY.replace(year=2031, day=7, hour=9))
        cls.booking = cls.line._session_book(cls.start)

    def setUp(self):
        super().setUp()
        self.authenticate("client_a", "client_a")

    def _csrf(self, url=None):
        return super()._csrf(url or self.booking.access_url)

    def _state(self):
        self.env.invalidate_all()
        return (
            self.env["session.booking"].search_count([]),
            self.booking.read(["state", "cancel_reason", "start"]),
            self.line.session_remaining,
            self.page_line.session_remaining,
        )

    @staticmethod
    def _text(html):
        return re.sub(r"\s+", " ", html)

    # ------------------------------------------------------------------
    # 13.7: bad input on every /my/sessions route
    # ------------------------------------------------------------------

    def test_bad_input_on_every_route(self):
        csrf = self._csrf()
        before = self._state()
        book = f"/my/sessions/book/{self.page_line.id}"
        session = f"/my/sessions/{self.booking.id}"
        cases = [
            # (method, url, data, accepted statuses, text the answer must hold)
            ("GET", f"/my/sessions/{BIG_ID}", None, (404,), None),
            ("GET", f"/my/sessions/{HUGE_ID}", None, (404,), None),
            ("GET", f"/my/sessions/book/{BIG_ID}", None, (404,), None),
            ("GET", f"/my/sessions/book/{HUGE_ID}", None, (404,), None),
            ("GET", f"/my/sessions/page/{HUGE_ID}", None, (200,), "Upcoming sessions"),
            ("GET", "/my/sessions/page/-1", None, (200, 404), None),
            ("GET", f"{book}?date=2031-01-07%00", None, (200,), "is not valid"),
            ("GET", f"{book}?date=9999-12-31", None, (200,), "Book a session"),
            ("GET", f"{book}?date=0001-01-01", None, (200,), "Book a session"),
            ("GET", f"{session}?access_token=%00", None, (200,), self.booking.name),
            ("GET", f"/my/sessions/{self.booking.id}%00", None, (404,), None),
            ("POST", book, {"start": "9999-12-31 23:00:00"}, (200,), "up to 60 days ahead"),
            ("POST", book, {"start": "2031-01-07 08:00:00\x00"}, (200,), "Choose one of the proposed times"),
            ("POST", book, {"start": "0001-01-01 00:00:00"}, (200,), "in the past"),
            ("POST", book, {"start": "x" * 10000}, (200,), "Choose one of the proposed times"),
            ("POST", book, {"start": "2031-01-07T08:00:00+02:00"}, (200,), "Choose one of the proposed times"),
            ("POST", f"/my/sessions/book/{BIG_ID}", {"start": "2031-01-07 08:00:00"}, (404,), None),
            ("POST", f"{session}/cancel", {"reason": "ill\x00"}, (200,), "cannot be saved"),
            ("POST", f"{session}/cancel", {"reason": "x" * 5000}, (200,), "under 1000 characters"),
            ("POST", f"/my/sessions/{BIG_ID}/cancel", {"reason": "x"}, (404,), None),
            ("POST", f"/my/sessions/{HUGE_ID}/cancel", {"reason": "x"}, (404,), None),
        ]
        for method, url, data, statuses, text in cases:
            with self.subTest(method=method, url=url, data=data and {k: v[:40] for k, v in data.items()}):
                if method == "POST":
                    response = self.url_open(url, data={"csrf_token": csrf, **data})
                else:
                    response = self.url_open(url)
                self.assertIn(response.status_code, statuses)
                if text:
                    self.assertIn(text, response.text)
        self.assertEqual(self._state(), before)

    def test_post_without_csrf_changes_nothing(self):
        before = self._state()
        with mute_logger("odoo.http"):
            response = self.url_open(f"/my/sessions/book/{self.line.id}", data={"start": "2031-01-08 08:00:00"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._state(), before)

    # ------------------------------------------------------------------
    # 13.8: the booking horizon
    # ------------------------------------------------------------------

    def test_horizon_is_the_window_the_page_shows(self):
        self.assertEqual(self.env.company.session_booking_horizon_days, 60)
        default = self.env["product.template"].create({"name": "New package", "is_session_package": True})
        self.assertEqual(default.session_booking_horizon_days, 60, "the company's setting by default")
        package = self._create_package(self.expert_a, "Two weeks ahead", 100.0, session_booking_horizon_days=14)
        line = self._paid_package_line(package)
        self.assertEqual(line.session_booking_horizon_days, 14, "frozen on the sold line")
        html = self.url_open(f"/my/sessions/book/{line.id}").text
        now = datetime.now()
        days = re.findall(r'data-date="(\d{4}-\d{2}-\d{2})"', html)
        starts = [datetime.fromisoformat(start) for start in re.findall(r'data-start="([^"]+)"', html)]
        self.assertTrue(days)
        self.assertLessEqual(max(days), str((now + timedelta(days=14)).date()))
        # the last free day of the window is shown
        window = line.with_user(self.client_user)._session_get_slot_days("Europe/Paris")
        self.assertEqual(window["calendar_days"][-1], (now + timedelta(days=14)).date())
        self.assertEqual(max(window["days"]), max(datetime.fromisoformat(day).date() for day in days))
        self.assertTrue(all(start < now + timedelta(days=14) for start in starts))
        # the model refuses what the page does not offer
        beyond = max(slot for slots in window["days"].values() for slot, _local in slots) + timedelta(days=7)
        csrf = self._csrf()
        response = self.url_open(f"/my/sessions/book/{line.id}", data={"csrf_token": csrf, "start": str(beyond)})
        self.assertIn("up to 14 days ahead", response.text)
        self.assertFalse(line.session_booking_ids)

    # ------------------------------------------------------------------
    # 15.3, 15.11: times in the reader's zone, lengths in words
    # ------------------------------------------------------------------

    def test_times_in_the_readers_zone_with_daylight_saving(self):
        summer = self._utc(datetime(2031, 7, 8, 9))  # Tuesday 8 July 2031, 09:00 in Brussels (CEST)
        booking = self.line._session_book(summer)
        page = self._text(self.url_open(booking.access_url).text)
        # the client reads Paris time: 09:00 in summer (UTC+2), as 09:00 in winter (UTC+1)
        self.assertIn("Tue 8 Jul 2031, 09:00–09:50 (Europe/Paris)", page)
        self.assertIn("50 minutes", page)
        winter = self._text(self.url_open(self.booking.access_url).text)
        self.assertIn("Tue 7 Jan 2031, 09:00–09:50 (Europe/Paris)", winter)
        self.assertNotIn(":00:00", winter.split("o_session_when")[1][:200], "no seconds")
        # the same session read from London
        self.client_user.tz = "Europe/London"
        self.assertIn("Tue 8 Jul 2031, 08:00–08:50 (Europe/London)", self._text(self.url_open(booking.access_url).text))
        listing = self._text(self.url_open("/my/sessions").text)
        self.assertIn("Tue 8 Jul 2031, 08:00 (Europe/London)", listing)
        self.assertIn("Tue 7 Jan 2031, 08:00 (Europe/London)", listing)
        order_page = self._text(self.url_open(self.line.order_id.get_portal_url()).text)
        self.assertIn("Tue 8 Jul 2031, 08:00 (Europe/London)", order_page)

    def test_durations_read_in_words(self):
        Booking = self.env["session.booking"]
        self.assertEqual(Booking._session_format_duration(50 / 60), "50 minutes")
        self.assertEqual(Booking._session_format_duration(1.0), "1 hour")
        self.assertEqual(Booking._session_format_duration(1.5), "1 hour 30 minutes")
        self.assertEqual(Booking._session_format_duration(2 + 1 / 60), "2 hours 1 minute")
        page = self.url_open(f"/my/sessions/book/{self.page_line.id}").text
        self.assertIn("50 minutes per session", page)
        self.assertNotIn("00:50", page)

    # ------------------------------------------------------------------
    # 15.5, 15.6: lists apart; the cancellation in the session's messages
    # ------------------------------------------------------------------

    def test_upcoming_past_and_cancelled_apart(self):
        done = self.line._session_book(self.start + timedelta(days=1))
        cancelled = self.line._session_book(self.start + timedelta(days=2))
        self._cancel_as(cancelled, "client", reason="Moving house")
        with freeze_time(done.stop + timedelta(hours=1)):
            done.action_mark_done()
        html = self.url_open("/my/sessions").text
        sections = {
            name: html.split(f'class="{name}"')[1].split("</tbody>")[0]
            for name in ("o_session_upcoming", "o_session_past", "o_session_cancelled")
        }
        self.assertIn(self.booking.name, sections["o_session_upcoming"])
        self.assertIn(done.name, sections["o_session_past"])
        # cancelled in the future: not a past session
        self.assertIn(cancelled.name, sections["o_session_cancelled"])
        self.assertNotIn(cancelled.name, sections["o_session_past"] + sections["o_session_upcoming"])

    def test_cancellation_shown_in_the_session_messages(self):
        csrf = self._csrf(self.booking.access_url)
        self.url_open(f"{self.booking.access_url}/cancel", data={"csrf_token": csrf, "reason": "Train strike"})
        self.assertEqual(self.booking.state, "cancelled")
        page = self._text(self.url_open(self.booking.access_url).text)
        self.assertIn("by the client, Client A", page)
        self.assertIn("Train strike", page)
        # the portal chatter (what the client's browser loads) holds the notice
        messages = self.make_jsonrpc_request(
            "/mail/chatter_fetch", {"res_model": "session.booking", "res_id": self.booking.id, "limit": 10}
        )["messages"]
        bodies = [self._text(message["body"]) for message in messages]
        notice = next(body for body in bodies if "was cancelled" in body)
        self.assertIn("Train strike", notice)
        self.assertIn("Tue 7 Jan 2031, 09:00–09:50 (Europe/Paris)", notice)
        self.assertIn("by the client, Client A", notice)
        self.assertIn("The session credit is back on the package.", notice)
