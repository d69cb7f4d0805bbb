"""The batch API of sessions booked elsewhere (history imports, the demo,
the benchmark fill): ``session.booking._import_sessions``."""

from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import SessionBookingCommon


@tagged("post_install", "-at_install")
class TestImportSessions(MockEmail, SessionBookingCommon):
    def test_history_with_meetings_and_no_mail(self):
        line = self._paid_package_line()
        now = datetime.now().replace(second=0, microsecond=0)
        past, future = now - timedelta(days=30), now + timedelta(days=10)
        with self.mock_mail_gateway():
            bookings = self.env["session.booking"]._import_sessions(
                [
                    {"sale_line_id": line.id, "start": past, "state": "done", "booked_at": past - timedelta(days=3)},
                    {
                        "sale_line_id": line.id,
                        "start": past + timedelta(days=7),
                        "state": "cancelled",
                        "cancelled_by": "client",
                        "cancelled_at": past,
                    },
                    {"sale_line_id": line.id, "start": future},
                ]
            )
        self.assertFalse(self._new_mails, "an import tells no one")
        order = line.order_id
        self.assertEqual(bookings.mapped("name"), [f"{order.name}-1", f"{order.name}-2", f"{order.name}-3"])
        self.assertEqual(bookings.mapped("state"), ["done", "cancelled", "booked"])
        self.assertEqual(bookings[0].stop - bookings[0].start, timedelta(minutes=50))
        events = bookings.with_context(active_test=False).calendar_event_id
        self.assertEqual(len(events), 3)
        self.assertEqual(events.mapped("active"), [True, False, True])
        self.assertTrue(all(event.videocall_location and event.session_booking_id for event in events))
        self.assertEqual(line.session_used, 2)
        # the next booking through the API follows the imported references
        booked = line._session_book(line._session_get_free_slots(future, future + timedelta(days=7))[0])
        self.assertEqual(booked.name, f"{order.name}-4")

    def test_only_confirmed_packages_and_never_over_rpc(self):
        unconfirmed = self._create_order(self.package, confirm=False).order_line
        with self.assertRaisesRegex(UserError, "confirmed session packages"):
            self.env["session.booking"]._import_sessions([{"sale_line_id": unconfirmed.id, "start": datetime.now()}])
        # a plain create cannot stand for it
        with self.assertRaises(AccessError):
            self.env["session.booking"].create({"sale_line_id": unconfirmed.id, "start": datetime.now()})
