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

    def test_same_slot_loser_is_refused_without_retry(self):
        """The loser waits for the winner's commit, then sees its meeting
        (read committed since its snapshot): a clear refusal, no
        serialization failure to replay."""
        lines = self.ids["lines"]
        outcomes = self._race([(lines[0], self._monday_slot(10)), (lines[1], self._monday_slot(10))], retry=False)
        self.assertEqual(sorted(outcomes), ["This slot is no longer free: choose another one.", "booked"])
        self.assertEqual(self._count_bookings(), 1)

    def test_different_slots_of_one_expert_all_win_without_retry(self):
        lines = self.ids["lines"]
        outcomes = self._race([(lines[0], self._monday_slot(10)), (lines[1], self._monday_slot(14))], retry=False)
        self.assertEqual(outcomes, ["booked", "booked"])
        self.assertEqual(self._count_bookings(), 2)
