from odoo.tests import HttpCase, tagged

from .common import SessionBookingCommon


@tagged("post_install", "-at_install")
class TestSessionBookingTour(SessionBookingCommon, HttpCase):
    def test_client_books_a_session_from_the_portal(self):
        line = self._paid_package_line()
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
