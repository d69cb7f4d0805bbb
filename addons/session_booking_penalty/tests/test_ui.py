from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.session_booking.tests.common import MONDAY

from .common import NOW, PenaltyCommon


@tagged("post_install", "-at_install")
class TestPenaltyTours(PenaltyCommon, HttpCase):
    def test_tour_client_cancels_late(self):
        """In Chromium: the client sees the fee, cancels, and gets the invoice."""
        start = self._utc(MONDAY.replace(year=2031, month=1, day=7, hour=9))  # a Tuesday
        with freeze_time(NOW):
            line = self._paid_package_line()
        booking = line._session_book(start)
        # the browser runs on the real clock: make the session start soon
        soon = fields.Datetime.now().replace(microsecond=0) + timedelta(hours=2)
        booking.write({"start": soon, "stop": soon + timedelta(minutes=50), "booked_at": soon - timedelta(days=1)})
        self.start_tour("/my/sessions", "session_late_cancel_tour", login="client_a")
        self.assertEqual(booking.state, "late_cancelled")
        self.assertEqual(booking.cancel_reason, "Stuck at work")
        self.assertEqual(booking.penalty_move_id.amount_untaxed, 15.0)
