from odoo import SUPERUSER_ID, api
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

    def test_clashing_slots_of_different_lengths_one_winner(self):
        """Different starts, overlapping times (2 h from 10:00, 1 h from
        11:00): the lock on the expert's time serialises them, the second
        sees the first's meeting."""
        long_line = self._extra_package_line(session_duration=2.0)
        outcomes = self._race([(long_line, self._monday_slot(10)), (self.ids["lines"][1], self._monday_slot(11))])
        self.assertEqual(sorted(outcomes), ["This slot is no longer free: choose another one.", "booked"])
        self.assertEqual(self._count_bookings(), 1)

    def test_other_times_of_the_expert_do_not_wait(self):
        """A booking of the expert's 14:00 goes through while another
        transaction holds its 10:00 (the expert as a whole is not locked)."""
        lines = self.ids["lines"]
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {})
            env_a["sale.order.line"].browse(lines[0])._session_book(self._monday_slot(10))
            env_a.flush_all()
            # waiting for the first transaction would wait for this thread: fail instead
            cr_b.execute("SET LOCAL lock_timeout = '5s'")
            env_b["sale.order.line"].browse(lines[1])._session_book(self._monday_slot(14))
            env_b.flush_all()
            cr_b.commit()  # pylint: disable=invalid-commit
            cr_a.commit()  # pylint: disable=invalid-commit
        self.assertEqual(self._count_bookings(), 2)
