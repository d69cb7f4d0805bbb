from odoo.tests import tagged

from .common import BookingRaceCase


@tagged("post_install", "-at_install")
class TestBookingConcurrency(BookingRaceCase):
    """Two real transactions race: exactly one booking wins."""

    def test_two_clients_race_for_the_same_slot(self):
        lines = self.ids["lines"]
        outcomes = self._race([(lines[0], self._monday_slot(10)), (lines[1], self._monday_slot(10))])
        self.assertEqual(outcomes.count("booked"), 1, outcomes)
        self.assertEqual(self._count_bookings(), 1)

    def test_double_click_never_over_consumes_the_last_credit(self):
        line = self.ids["lines"][0]
        outcomes = self._race([(line, self._monday_slot(10)), (line, self._monday_slot(14))])
        self.assertEqual(outcomes.count("booked"), 1, outcomes)
        self.assertEqual(self._count_bookings(), 1)
