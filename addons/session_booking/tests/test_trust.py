"""Issue 13.2–13.6 over the real RPC entry point, as the role that did it:
expert A (Olivia in the demo) on her own records and on expert B's (Daniel).
Each refusal leaves the database as it was."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.expert_base.tests.common import RpcMixin

from .common import MONDAY, SessionBookingCommon


@tagged("post_install", "-at_install")
class TestTrustBoundary(RpcMixin, SessionBookingCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(MONDAY):
            cls.line = cls._paid_package_line()
            cls.line_b = cls._paid_package_line(cls.package_b)
        # far ahead of the real clock (the tests' packages book ten years ahead)
        cls.start = cls._utc(MONDAY.replace(year=2031, day=7, hour=9))
        cls.booking = cls.line._session_book(cls.start)
        cls.booking_b = cls.line_b._session_book(
            cls._utc(MONDAY.replace(year=2031, day=7, hour=10), "America/New_York")
        )

    def _snapshot(self, records, names):
        records.invalidate_recordset()
        return [record.read(names)[0] for record in records]

    # ------------------------------------------------------------------
    # 13.3: sold terms are frozen for experts, logged for the platform
    # ------------------------------------------------------------------

    def test_expert_cannot_rewrite_what_her_client_bought(self):
        names = [
            "session_count",
            "session_expert_id",
            "session_expiry_date",
            "session_notice_hours",
            "session_max_attendees",
            "session_duration",
            "session_buffer_minutes",
            "session_booking_horizon_days",
            "price_unit",
            "product_uom_qty",
        ]
        before = self._snapshot(self.line, names)
        values = {
            "session_count": 99,
            "session_expert_id": self.expert_b.id,
            "session_expiry_date": "2020-01-01 00:00:00",
            "session_notice_hours": 0,
            "session_max_attendees": 5,
            "session_duration": 3.0,
            "session_buffer_minutes": 0,
            "session_booking_horizon_days": 1,
            "price_unit": 0.0,
            "product_uom_qty": 20,
        }
        for name, value in values.items():
            with self.subTest(field=name), self.assertRaises(AccessError):
                self.rpc("expert_a", "sale.order.line", "write", self.line.ids, {name: value})
        self.assertEqual(self._snapshot(self.line, names), before)
        self.assertEqual(self.line.session_remaining, 4)

    def test_expert_cannot_touch_another_experts_line(self):
        with self.assertRaises(AccessError):
            self.rpc("expert_a", "sale.order.line", "write", self.line_b.ids, {"session_count": 1})
        self.assertEqual(self.line_b.session_count, 5)

    def test_platform_changes_are_logged_and_keep_used_sessions(self):
        order = self.line.order_id
        messages = order.message_ids
        self.rpc("platform_manager", "sale.order.line", "write", self.line.ids, {"session_count": 6})
        self.assertEqual(self.line.session_total, 6)
        log = order.message_ids - messages
        self.assertEqual(len(log), 1)
        self.assertIn("Platform Manager changed the sold package", log.body)
        self.assertIn("5 → 6", log.body)
        # one session is booked: the package cannot hold fewer
        with self.assertRaisesRegex(ValidationError, "1 sessions used"):
            self.rpc("platform_manager", "sale.order.line", "write", self.line.ids, {"product_uom_qty": 0})
        self.assertEqual(self.line.session_total, 6)

    # ------------------------------------------------------------------
    # 13.4–13.6: sessions are booked by the API, written by the actions
    # ------------------------------------------------------------------

    def test_nobody_creates_a_session_over_rpc(self):
        count = self.env["session.booking"].search_count([])
        unpaid = self._create_order(self.package).order_line
        for login, values in (
            ("expert_a", {"name": "X-1", "sale_line_id": unpaid.id, "start": "2020-01-06 09:00:00"}),
            ("expert_a", {"sale_line_id": self.line.id, "start": "2031-01-08 08:00:00"}),
            ("platform_manager", {"sale_line_id": self.line.id, "start": "2031-01-08 08:00:00"}),
        ):
            for method, args in (("create", [values]), ("create", [[values]])):
                with self.subTest(login=login, method=method), self.assertRaisesRegex(AccessError, "booked from"):
                    # a context key cannot stand for the booking API's proof
                    self.rpc(login, "session.booking", method, *args, context={"session_booking_api": True})
        self.assertEqual(self.env["session.booking"].search_count([]), count)

    def test_copy_is_refused_with_a_clear_message(self):
        count = self.env["session.booking"].search_count([])
        with self.assertRaisesRegex(UserError, "cannot be duplicated"):
            self.rpc("expert_a", "session.booking", "copy", self.booking.ids)
        with self.assertRaisesRegex(UserError, "cannot be duplicated"):
            self.booking.copy()
        self.assertEqual(self.env["session.booking"].search_count([]), count)

    def test_next_names_after_the_count_query(self):
        """``_next_name`` read the order's name after the COUNT query and got
        the name query's result (TypeError): names come from a fresh cache."""
        self.env.invalidate_all()
        name = self.env["session.booking"]._next_names(self.line.ids)
        self.assertEqual(name, [f"{self.line.order_id.name}-2"])

    def test_expert_writes_no_action_field(self):
        fields_values = {
            "state": "done",
            "start": "2031-01-07 15:00:00",
            "stop": "2031-01-07 15:50:00",
            "cancelled_by": "client",
            "cancelled_at": "2031-01-01 00:00:00",
            "expert_id": self.expert_b.id,
            "partner_id": self.env["res.partner"].create({"name": "Someone else"}).id,
            "commercial_partner_id": self.env["res.partner"].create({"name": "Another"}).id,
            "sale_line_id": self.line_b.id,
            "sale_order_id": self.line_b.order_id.id,
            "name": "S-forged",
            "booked_by": "client",
            "calendar_event_id": False,
            "videocall_url": "https://evil.example.com",
        }
        names = [name for name in fields_values if name not in ("videocall_url",)]
        before = self._snapshot(self.booking, names)
        order_before = self.line.order_id.partner_id
        for name, value in fields_values.items():
            for login in ("expert_a", "platform_manager"):
                with self.subTest(field=name, login=login), self.assertRaisesRegex(AccessError, "only through"):
                    self.rpc(login, "session.booking", "write", self.booking.ids, {name: value})
        self.assertEqual(self._snapshot(self.booking, names), before)
        self.assertEqual(self.line.order_id.partner_id, order_before)
        self.assertEqual(self.booking.calendar_event_id.start, self.start)

    def test_expert_acts_on_own_sessions_only(self):
        for method, args in (
            ("action_cancel", []),
            ("action_mark_done", []),
            ("action_mark_no_show", []),
            ("action_reschedule", []),
            ("write", [{"guest_partner_ids": [Command.clear()]}]),
        ):
            with self.subTest(method=method), self.assertRaises(AccessError):
                self.rpc("expert_a", "session.booking", method, self.booking_b.ids, *args)
        self.assertEqual(self.booking_b.state, "booked")

    def test_who_cancels_follows_from_the_caller(self):
        """Issue 13.5: an expert cancelling does not charge her client."""
        with self.assertRaisesRegex(UserError, "follows from who you are"):
            self.rpc("expert_a", "session.booking", "action_cancel", self.booking.ids, cancelled_by="client")
        self.assertEqual(self.booking.state, "booked")
        self.rpc("expert_a", "session.booking", "action_cancel", self.booking.ids, reason="Ill")
        self.assertEqual((self.booking.state, self.booking.cancelled_by), ("cancelled", "expert"))
        self.assertEqual(self.booking.cancel_reason, "Ill")
        booking = self.line._session_book(self.start + timedelta(hours=1))
        self.rpc("platform_manager", "session.booking", "action_cancel", booking.ids)
        self.assertEqual(booking.cancelled_by, "platform")

    def test_portal_client_has_no_rpc_action(self):
        for method, args in (
            ("action_cancel", []),
            ("action_mark_done", []),
            ("write", [{"guest_partner_ids": [Command.clear()]}]),
            ("copy", []),
        ):
            with self.subTest(method=method), self.assertRaises(UserError):
                self.rpc("client_a", "session.booking", method, self.booking.ids, *args)
        self.assertEqual(self.booking.state, "booked")

    def test_booking_and_slots_of_another_experts_package_refused(self):
        """On an order holding both experts' packages, expert A reads the
        lines of expert B's package but never books on them."""
        order = self.env["sale.order"].create(
            {
                "partner_id": self.client_partner.id,
                "order_line": [
                    Command.create({"product_id": self.package.id}),
                    Command.create({"product_id": self.package_b.id}),
                ],
            }
        )
        order.action_confirm()
        self._pay(order)
        line_b = order.order_line.filtered(lambda line: line.session_expert_id == self.expert_b)
        self.assertTrue(line_b.with_user(self.expert_a).read(["name"]))
        with self.assertRaises(AccessError):
            line_b.with_user(self.expert_a)._session_book(self.start)
        with self.assertRaises(AccessError):
            line_b.with_user(self.expert_a)._session_get_free_slots(self.start, self.start + timedelta(days=2))
        wizard = (
            self.env["session.booking.wizard"]
            .with_user(self.expert_a)
            .create({"sale_line_id": line_b.id, "date": self.start.date(), "start": self.start})
        )
        with self.assertRaises(AccessError):
            wizard.action_confirm()
        self.assertFalse(line_b.session_booking_ids)

    def test_guests_within_one_cap_and_on_the_meeting(self):
        """Issue 14.10: one cap for all participants, the expert included
        (default 5), and the guests are the meeting's attendees both ways."""
        # contacts the expert added (an expert names only people it may see)
        guests = (
            self.env["res.partner"]
            .with_user(self.expert_a)
            .create([{"name": f"Guest {n}", "email": f"g{n}@example.com"} for n in range(4)])
            .sudo()
        )
        self.assertEqual(self.line.session_max_attendees, 5)
        self.rpc(
            "expert_a",
            "session.booking",
            "write",
            self.booking.ids,
            {"guest_partner_ids": [Command.set(guests[:3].ids)]},
        )
        event = self.booking.calendar_event_id
        self.assertEqual(event.partner_ids, self.booking.attendee_partner_ids)
        self.assertEqual(len(event.partner_ids), 5)
        with self.assertRaisesRegex(ValidationError, "at most 5 participants, the expert included"):
            self.rpc(
                "expert_a",
                "session.booking",
                "write",
                self.booking.ids,
                {"guest_partner_ids": [Command.link(guests[3].id)]},
            )
        with self.assertRaisesRegex(ValidationError, "at most 5 participants"):
            self.rpc("expert_a", "calendar.event", "write", event.ids, {"partner_ids": [Command.link(guests[3].id)]})
        # removed on the meeting: no longer a guest of the session; added: a guest
        self.rpc("expert_a", "calendar.event", "write", event.ids, {"partner_ids": [Command.unlink(guests[0].id)]})
        self.assertEqual(self.booking.guest_partner_ids, guests[1:3])
        self.rpc("expert_a", "calendar.event", "write", event.ids, {"partner_ids": [Command.link(guests[3].id)]})
        self.assertEqual(self.booking.guest_partner_ids, guests[1:])
        self.assertEqual(event.partner_ids, self.booking.attendee_partner_ids)
        with self.assertRaisesRegex(ValidationError, "cancel the session"):
            self.rpc(
                "expert_a",
                "calendar.event",
                "write",
                event.ids,
                {"partner_ids": [Command.unlink(self.client_partner.id)]},
            )
        self.assertIn(self.client_partner, event.partner_ids)
