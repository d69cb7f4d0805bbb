import random
from collections import defaultdict
from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.revenue_share.tests.common import RevenueSequenceMixin
from odoo.addons.session_booking.tests.common import MONDAY
from odoo.addons.session_booking_penalty.tests.common import NOW, PenaltyCommon

SLOT_HOURS = (9, 10, 11, 13, 14, 15, 16)


@tagged("post_install", "-at_install")
class TestRevenueNeverDriftsWithPenalties(RevenueSequenceMixin, PenaltyCommon):
    """The revenue share property test (see RevenueSequenceMixin) with the
    session packages and their penalties: 30 random sequences of selling,
    paying (with or without write-off), refunding, cancelling, late
    cancellations and no-shows of sessions (penalty invoices, shared by their
    session), waivers and settlements over three experts."""

    SEQUENCES = 30
    STEPS = 8

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write({"revenue_share_rate": 20.0, "revenue_share_settle_on": "paid"})
        cls._setup_sequences()
        cls.sequence_packages = {
            expert: cls._create_package(
                expert, f"Sessions with {expert.name}", 250.0, cancellation_policy_id=cls.policy.id
            )
            for expert in cls.sequence_experts
        }

    def _sequence_operations(self):
        return {**super()._sequence_operations(), "cancel_late": 2, "no_show": 1, "waive": 2}

    def setUp(self):
        super().setUp()
        self.net = defaultdict(float)
        self.rng = random.Random(0)

    def _run_sequence(self, seed):
        self.slots_used = 0
        return super()._run_sequence(seed)

    def _expert_bases(self, move):
        booking = move.session_booking_id or move.reversed_entry_id.session_booking_id
        if booking:
            return {booking.expert_id: move.amount_untaxed}
        return super()._expert_bases(move)

    def _booked_package_session(self):
        """A paid package of a random expert (shared like any sale) and a
        session booked on it at the next free slot of the week."""
        expert = self._pick(self.sequence_experts)
        index, self.slots_used = self.slots_used, self.slots_used + 1
        local = MONDAY.replace(day=8 + index // len(SLOT_HOURS), hour=SLOT_HOURS[index % len(SLOT_HOURS)])
        start = self._utc(local, tz=expert._session_tz())  # the hours are the expert's
        with freeze_time(NOW):
            line = self._paid_package_line(product=self.sequence_packages[expert])
            booking = line._session_book(start)
        self.net[expert] += line.price_subtotal
        return booking

    def _step_cancel_late(self):
        booking = self._booked_package_session()
        with freeze_time(booking.start - timedelta(hours=1)):
            booking.with_user(self.client_user).sudo().action_cancel()
        penalty = booking.penalty_move_id
        self.assertTrue(penalty)
        self.net[booking.expert_id] += penalty.amount_untaxed
        return booking

    def _step_no_show(self):
        booking = self._booked_package_session()
        with freeze_time(booking.start + timedelta(minutes=20)):
            booking.with_user(booking.expert_id).action_mark_no_show()
        penalty = booking.penalty_move_id
        self.assertTrue(penalty)
        self.net[booking.expert_id] += penalty.amount_untaxed
        return booking

    def _step_waive(self):
        booking = self._pick(
            self.env["session.booking"].search(
                [
                    ("penalty_move_id.state", "=", "posted"),
                    ("penalty_waived", "=", False),
                    ("expert_id", "in", self.sequence_experts.ids),
                ],
                order="id",
            )
        )
        if not booking:
            return False
        penalty = booking.penalty_move_id
        booking._waive_penalty("Goodwill")
        self.net[booking.expert_id] -= penalty.amount_untaxed
        return booking

    def test_random_sequences_with_penalties(self):
        self._run_sequences()

    def test_paid_then_waived_penalty_is_never_paid_to_the_expert(self):
        """The issue's case: a paid penalty (+12 for the expert) is waived by a
        credit note the client keeps as a credit: the next settlement nets
        both, the expert is paid nothing for it."""
        self.slots_used = 0
        booking = self._booked_package_session()
        with freeze_time(booking.start - timedelta(hours=1)):
            booking.with_user(self.client_user).sudo().action_cancel()
        penalty = booking.penalty_move_id
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=penalty.ids).create(
            {}
        )._create_payments()
        self.assertEqual(penalty.payment_state, "paid")
        booking._waive_penalty("Goodwill")
        refund = self.env["account.move"].search([("reversed_entry_id", "=", penalty.id)])
        self.assertEqual(refund.payment_state, "not_paid", "the client keeps a credit")
        lines = (penalty | refund).revenue_share_line_ids
        self.assertEqual(sorted(lines.mapped("expert_amount")), [-12.0, 12.0])
        self.assertTrue(all(lines.mapped("is_settleable")))
        settlements = self.env["revenue.share.settlement"]._settle_period(
            penalty.invoice_date.replace(day=1), penalty.invoice_date, experts=booking.expert_id
        )
        self.assertEqual(lines.settlement_id, settlements)
        self.assertEqual(
            sum(settlements.mapped("amount_expert")), 200.0, "80 % of the 250 package, nothing for the waived penalty"
        )
