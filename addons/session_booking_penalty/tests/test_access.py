"""Who reaches the penalties: the waiver cancels or reverses invoices as
superuser, so every role is tried over RPC, on its own sessions and on
another's; each refusal leaves the invoice, the session and the order as
they were."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.expert_base.tests.common import RpcMixin

from .common import NOW, PenaltyCommon


@tagged("post_install", "-at_install")
class TestPenaltyAccess(RpcMixin, PenaltyCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_b = new_test_user(cls.env, login="client_b", groups="base.group_portal")
        cls.salesman = new_test_user(cls.env, login="salesman", groups="sales_team.group_sale_salesman")
        cls.booking = cls._late_cancelled_booking()

    @classmethod
    def _late_cancelled_booking(cls):
        with freeze_time(NOW):
            booking = cls._paid_package_line()._session_book(cls.tuesday_9)
        with freeze_time(cls.tuesday_9 - timedelta(hours=1)):
            booking._cancel("client", "Overslept")
        return booking

    def _state(self):
        self.env.invalidate_all()
        move = self.booking.penalty_move_id
        return (
            self.booking.read(["state", "penalty_waived", "penalty_waive_reason", "penalty_move_id"]),
            move.read(["state", "payment_state", "amount_total"]),
            self.env["account.move"].search_count([("reversed_entry_id", "=", move.id)]),
            len(self.booking.sale_order_id.message_ids),
        )

    def _waive_over_rpc(self, login, booking):
        wizard_id = self.rpc(login, "session.penalty.waive.wizard", "create", {"booking_id": booking.id, "reason": "x"})
        return self.rpc(login, "session.penalty.waive.wizard", "action_waive", [wizard_id])

    def test_the_penalty_exists(self):
        self.assertEqual(self.booking.state, "late_cancelled")
        self.assertEqual(self.booking.penalty_move_id.state, "posted")

    def test_who_cannot_waive(self):
        before = self._state()
        for login in ("client_a", "client_b", "expert_b", "salesman"):
            with self.subTest(login=login), self.assertRaises(AccessError):
                self._waive_over_rpc(login, self.booking)
            with self.subTest(login=login, method="action_open_waive_wizard"), self.assertRaises(AccessError):
                self.rpc(login, "session.booking", "action_open_waive_wizard", self.booking.ids)
            with self.subTest(login=login, method="write"), self.assertRaises(AccessError):
                self.rpc(login, "session.booking", "write", self.booking.ids, {"penalty_waived": True})
        self.assertEqual(self._state(), before)

    def test_private_waiver_is_not_an_rpc_endpoint(self):
        before = self._state()
        for login in ("client_a", "expert_a", "platform_manager"):
            with self.subTest(login=login), self.assertRaisesRegex(AccessError, "Private methods"):
                self.rpc(login, "session.booking", "_waive_penalty", self.booking.ids, "no")
        self.assertEqual(self._state(), before)

    def test_expert_writes_no_penalty_field(self):
        before = self._state()
        for values in (
            {"penalty_waived": True},
            {"penalty_waive_reason": "mine"},
            {"penalty_move_id": False},
            {"cancellation_policy_id": False},
            {"is_late_cancellation": False},
            {"penalty_amount": 0.0},
        ):
            with self.subTest(values=values), self.assertRaisesRegex(AccessError, "only through"):
                self.rpc("expert_a", "session.booking", "write", self.booking.ids, values)
        with self.assertRaises(AccessError):
            self.rpc(
                "expert_a",
                "sale.order.line",
                "write",
                self.booking.sale_line_id.ids,
                {"session_cancellation_policy_id": False},
            )
        with self.assertRaises(AccessError):
            self.rpc("expert_a", "session.cancellation.policy", "write", self.policy.ids, {"fee_amount": 0.0})
        self.assertEqual(self._state(), before)
        self.assertEqual(self.booking.sale_line_id.session_cancellation_policy_id, self.policy)

    def test_expert_of_the_session_waives(self):
        self._waive_over_rpc("expert_a", self.booking)
        self.assertTrue(self.booking.penalty_waived)
        self.assertEqual(self.booking.penalty_move_id.state, "cancel")

    def test_platform_manager_waives_and_changes_the_policy_on_the_log(self):
        other = self.env["session.cancellation.policy"].create({"name": "Lenient", "fee_amount": 5.0})
        order = self.booking.sale_order_id
        self.rpc(
            "platform_manager",
            "sale.order.line",
            "write",
            self.booking.sale_line_id.ids,
            {"session_cancellation_policy_id": other.id},
        )
        self.assertIn("24h, 15.00 → Lenient", order.message_ids[0].body)
        self._waive_over_rpc("platform_manager", self.booking)
        self.assertTrue(self.booking.penalty_waived)

    def test_waiver_log_reads_right(self):
        """Issue 14.13: the reason as typed, on its own line (no doubled
        period), in internal notes only."""
        self.booking._waive_penalty("Payment received (bank transfer).")
        note = self.booking.message_ids[0]
        self.assertNotIn("..", note.body)
        self.assertIn("Reason: Payment received (bank transfer).", note.body)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        with self.assertRaises(UserError):
            self.booking._waive_penalty("again")
