from datetime import datetime, timedelta

from odoo.tests import HttpCase, tagged

from .common import SessionBookingCommon


@tagged("post_install", "-at_install")
class TestSessionBookingTour(SessionBookingCommon, HttpCase):
    def test_client_books_a_session_from_the_portal(self):
        line = self._page_package_line()
        self.start_tour("/my/sessions", "session_booking_portal_tour", login="client_a")
        booking = line.session_booking_ids
        self.assertEqual(len(booking), 1)
        self.assertEqual(booking.state, "booked")
        self.assertEqual(line.session_remaining, 4)
        # the expert sees it in the calendar
        events = (
            self.env["calendar.event"]
            .with_user(self.expert_a)
            .search([("partner_ids", "in", self.expert_a.partner_id.id), ("start", "=", booking.start)])
        )
        self.assertEqual(events, booking.calendar_event_id)
        self.assertEqual(events.user_id, self.expert_a)

    def test_spanish_client_books_and_cancels(self):
        """Issue 15: a client who reads Spanish books and cancels a session
        in the portal; the tour checks the Spanish text on every step, so a
        string missing from es.po fails it."""
        spanish = self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"].search(
            [("name", "in", ["portal", "expert_base", "session_booking", "session_booking_penalty", "client_center"])]
        )._update_translations(["es_ES"])
        self.env.ref("website.default_website").language_ids |= spanish
        self.client_user.lang = "es_ES"
        line = self._page_package_line()
        self.start_tour("/my/sessions", "session_booking_es_tour", login="client_a")
        booking = line.session_booking_ids
        self.assertEqual(booking.state, "cancelled")
        self.assertEqual(booking.cancel_reason, "Tengo un imprevisto")
        self.assertEqual(line.session_remaining, 5)


@tagged("post_install", "-at_install")
class TestSessionPagesAtPhoneWidth(SessionBookingCommon, HttpCase):
    """Issue 15.7: at 390 px the sessions list, the booking page and the
    session page are readable, their main actions on screen, without
    sideways scrolling."""

    browser_size = "390x844"
    touch_enabled = True

    def test_client_books_on_a_phone(self):
        line = self._page_package_line()
        line._session_book(line._session_get_free_slots(datetime.now(), datetime.now() + timedelta(days=30))[-1])
        self.start_tour("/my/sessions", "session_booking_phone_tour", login="client_a")
        self.assertEqual(len(line.session_booking_ids), 2)
