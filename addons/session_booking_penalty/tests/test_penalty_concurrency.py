from odoo import SUPERUSER_ID, api
from odoo.tests import tagged

from odoo.addons.session_booking.tests.common import BookingRaceCase


@tagged("post_install", "-at_install")
class TestPenaltyConcurrency(BookingRaceCase):
    """Two transactions cancel the same session late at once: one
    cancellation, one penalty invoice."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            policy = env["session.cancellation.policy"].create(
                {"name": "Always late", "late_window_hours": 10**6, "grace_minutes": 0, "fee_amount": 10.0}
            )
            line = env["sale.order.line"].browse(self.ids["lines"][0])
            line.session_cancellation_policy_id = policy
            self.booking_id = line._session_book(self._monday_slot(10)).id
        self.addCleanup(self._remove_penalties)

    def _remove_penalties(self):
        """The race's penalty invoice goes with the other committed fixtures
        (before them: it points at the session): left queued, the next Send &
        Print of the database would mail it."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            penalties = env["account.move"].search([("session_booking_id", "=", self.booking_id)])
            penalties.button_draft()
            penalties.with_context(force_delete=True).unlink()

    def test_double_late_cancel_creates_one_penalty(self):
        outcomes = self._race_calls(
            [
                # as the portal cancels for the client (the private entry
                # point of batch jobs: the caller is the test)
                lambda env: env["session.booking"].browse(self.booking_id)._cancel("client", False),
                lambda env: env["session.booking"].browse(self.booking_id)._cancel("client", False),
            ],
            "cancelled",
        )
        self.assertEqual(outcomes.count("cancelled"), 1, outcomes)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            booking = env["session.booking"].browse(self.booking_id)
            self.assertEqual(booking.state, "late_cancelled")
            penalties = env["account.move"].search([("session_booking_id", "=", booking.id)])
            self.assertEqual(len(penalties), 1)
            self.assertEqual(booking.penalty_move_id, penalties)
