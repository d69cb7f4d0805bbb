from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MONDAY, SessionBookingCommon

NOW = MONDAY.replace(hour=6)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestBooking(SessionBookingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.line = cls._paid_package_line()
        # Tuesday 9:00 Brussels = 08:00 UTC: first slot outside the notice
        cls.tuesday_9 = cls._utc(MONDAY.replace(day=8, hour=9))

    def _book(self, start=None, line=None, **kwargs):
        return (line or self.line)._session_book(start or self.tuesday_9, **kwargs)

    def test_free_slots(self):
        slots = self.line._session_get_free_slots(NOW, NOW + timedelta(days=2))
        # notice 12h: nothing before Monday 18:00 UTC; Tuesday 9:00-12:00 then
        # 13:00-17:00 Brussels, one slot every 60 minutes (50 + 10 buffer)
        local_hours = [(slot + timedelta(hours=1)).strftime("%a %H:%M") for slot in slots]
        self.assertEqual(
            local_hours,
            ["Tue 09:00", "Tue 10:00", "Tue 11:00", "Tue 13:00", "Tue 14:00", "Tue 15:00", "Tue 16:00"],
        )

    def test_book_creates_meeting_with_video_link(self):
        booking = self._book(guest_partners=self.env["res.partner"].create({"name": "Guest", "email": "g@example.com"}))
        self.assertEqual(booking.name, f"{self.line.order_id.name}-1")
        self.assertEqual(booking.state, "booked")
        self.assertEqual(booking.stop - booking.start, timedelta(minutes=50))
        event = booking.calendar_event_id
        self.assertEqual(event.user_id, self.expert_a)
        self.assertEqual(
            event.partner_ids,
            self.expert_a.partner_id | self.client_partner | booking.guest_partner_ids,
        )
        self.assertIn(f"/calendar/join_videocall/{event.access_token}", event.videocall_location)
        self.assertEqual(booking.videocall_url, event.videocall_location)
        self.assertEqual(event.alarm_ids.mapped("alarm_type"), ["notification", "email"])
        # calendar's invitation: to the client, guests and expert, with the link
        # calendar's invitation: to the client and guests, with the link
        mails = self.env["mail.mail"].search([("model", "=", "calendar.event"), ("res_id", "=", event.id)])
        self.assertIn(self.client_partner, mails.recipient_ids)
        self.assertTrue(all(event.access_token in mail.body_html for mail in mails))
        # and the expert is notified on the booking, with the same link
        notice = booking.message_ids.filtered(lambda m: self.expert_a.partner_id in m.partner_ids)
        self.assertTrue(notice)
        self.assertIn(event.access_token, notice[0].body)
        self.assertEqual(self.line.session_used, 1)
        self.assertEqual(self.line.session_remaining, 4)
        self.assertEqual(self.line.order_id.booking_status, "partially_booked")
        self.assertEqual(self.line.order_id.fulfillment_state, "processing")
        # the slot is gone
        self.assertNotIn(self.tuesday_9, self.line._session_get_free_slots(NOW, NOW + timedelta(days=2)))
        self.assertEqual(self._book(self.tuesday_9 + timedelta(hours=1)).name, f"{self.line.order_id.name}-2")

    def test_slots_computed_during_working_hours_stay_on_the_grid(self):
        line = self._paid_package_line(
            self._create_package(self.expert_a, "Short notice", 50.0, session_notice_hours=1)
        )
        # Tuesday 10:13:27 in Brussels: 11:00 is inside the notice, 13:00 is next
        with freeze_time(self._utc(MONDAY.replace(day=8, hour=10, minute=13, second=27))):
            now = self._utc(MONDAY.replace(day=8, hour=10, minute=13, second=27))
            slots = line._session_get_free_slots(now, now + timedelta(days=1))
            self.assertEqual(slots[0], self._utc(MONDAY.replace(day=8, hour=13)))
            self.assertEqual(line._session_book(slots[0]).start, slots[0])

    def test_cancel_on_time_gives_credit_back(self):
        booking = self._book()
        self._cancel_as(booking, "client", reason="Sick")
        self.assertEqual(booking.state, "cancelled")
        self.assertEqual(booking.cancelled_by, "client")
        self.assertEqual(booking.cancel_reason, "Sick")
        self.assertEqual(booking.cancelled_at, NOW)
        self.assertFalse(booking.calendar_event_id.active)
        self.assertEqual(self.line.session_remaining, 5)
        # attendees are told
        message = booking.message_ids[0]
        self.assertIn(self.client_partner, message.partner_ids)
        self.assertIn("cancelled", message.body)
        # the slot is free again, and the same slot can be rebooked
        self.assertEqual(self._book().state, "booked")
        with self.assertRaises(UserError):
            self._cancel_as(booking, "client")

    def test_done_and_no_show_consume_credit(self):
        booking = self._book()
        with self.assertRaises(UserError):
            booking.action_mark_done()
        with freeze_time(booking.stop + timedelta(minutes=5)):
            booking.action_mark_no_show()
        self.assertEqual(booking.state, "no_show")
        self.assertEqual(self.line.session_used, 1)

    def test_cron_marks_past_sessions_done(self):
        booking = self._book()
        with freeze_time(booking.stop + timedelta(days=2)):
            self.env["session.booking"]._cron_mark_done()
        self.assertEqual(booking.state, "done")

    def test_fully_booked_then_completed(self):
        line = self._paid_package_line(self._create_package(self.expert_a, "2 sessions", 90.0, session_count=2))
        first = self._book(line=line)
        second = self._book(self.tuesday_9 + timedelta(hours=1), line=line)
        self.assertEqual(line.order_id.booking_status, "fully_booked")
        with self.assertRaisesRegex(UserError, "No session left"):
            self._book(self.tuesday_9 + timedelta(hours=2), line=line)
        with freeze_time(second.stop + timedelta(hours=1)):
            (first + second).action_mark_done()
        self.assertEqual(line.order_id.booking_status, "completed")
        self.assertEqual(line.order_id.fulfillment_state, "completed")

    def test_reschedule(self):
        booking = self._book()
        new_start = self.tuesday_9 + timedelta(hours=2)
        booking._reschedule(new_start)
        self.assertEqual(booking.start, new_start)
        self.assertEqual(booking.calendar_event_id.start, new_start)
        self.assertTrue(booking.calendar_event_id.active)
        self.assertIn(self.tuesday_9, self.line._session_get_free_slots(NOW, NOW + timedelta(days=2)))

    def test_bad_input_changes_nothing(self):
        Booking = self.env["session.booking"]
        count = Booking.search_count([])
        cases = [
            (NOW - timedelta(hours=1), "in the past"),
            (NOW + timedelta(hours=3), "at least 12"),
            (self._utc(MONDAY.replace(day=8, hour=7)), "outside the expert's working hours"),
            (self._utc(MONDAY.replace(day=12, hour=10)), "outside the expert's working hours"),  # Saturday
            (self.tuesday_9 + timedelta(minutes=15), "proposed times"),
        ]
        for start, message in cases:
            with self.subTest(start=start), self.assertRaisesRegex(UserError, message):
                self._book(start)
        # busy: any event of the expert, with the buffer around it
        self.env["calendar.event"].create(
            {
                "name": "Dentist",
                "start": self.tuesday_9 + timedelta(hours=1, minutes=55),
                "stop": self.tuesday_9 + timedelta(hours=2, minutes=30),
                "user_id": self.expert_a.id,
                "partner_ids": [Command.set(self.expert_a.partner_id.ids)],
            }
        )
        with self.assertRaisesRegex(UserError, "no longer free"):
            self._book(self.tuesday_9 + timedelta(hours=1))
        with self.assertRaisesRegex(UserError, "no longer free"):
            self._book(self.tuesday_9 + timedelta(hours=2))
        self.assertEqual(Booking.search_count([]), count)
        self.assertEqual(self.line.session_remaining, 5)

    def test_unpaid_and_expired_packages_cannot_book(self):
        unpaid = self._create_order(self.package).order_line
        with self.assertRaisesRegex(UserError, "not paid"):
            self._book(line=unpaid)
        self.assertEqual(unpaid._session_get_free_slots(NOW, NOW + timedelta(days=2)), [])
        # valid 2 days: until Wednesday 06:00 UTC
        expiring = self._paid_package_line(self._create_package(self.expert_a, "2 days", 90.0, session_validity_days=2))
        with freeze_time(NOW + timedelta(days=3)), self.assertRaisesRegex(UserError, "expired"):
            self._book(self.tuesday_9 + timedelta(days=1), line=expiring)
        with self.assertRaisesRegex(UserError, "expires on"):
            self._book(self.tuesday_9 + timedelta(days=1), line=expiring)
        self.assertEqual(self._book(line=expiring).state, "booked")
        slots = expiring._session_get_free_slots(NOW, NOW + timedelta(days=5))
        self.assertTrue(slots)
        self.assertTrue(all(slot + timedelta(minutes=50) <= expiring.session_expiry_date for slot in slots))
        # the portal lists the open packages: unpaid ones too (to say why),
        # expired ones no more
        SaleLine = self.env["sale.order.line"]
        domain = SaleLine._session_open_packages_domain(self.client_partner.commercial_partner_id)
        self.assertIn(expiring, SaleLine.search(domain))
        self.assertIn(unpaid, SaleLine.search(domain))
        with freeze_time(NOW + timedelta(days=3)):
            open_later = SaleLine.search(SaleLine._session_open_packages_domain(self.client_partner))
        self.assertNotIn(expiring, open_later)

    def test_attendee_cap(self):
        # one cap for all participants, the expert included (issue 14.10):
        # 3 is the expert, the client and one guest
        self.package.session_max_attendees = 3
        line = self._paid_package_line()
        guests = self.env["res.partner"].create([{"name": f"Guest {n}"} for n in range(2)])
        with self.assertRaisesRegex(UserError, "at most 3"):
            self._book(line=line, guest_partners=guests)
        booking = self._book(line=line, guest_partners=guests[:1])
        # also when edited from the calendar
        with self.assertRaises(ValidationError):
            booking.calendar_event_id.partner_ids = [Command.link(guests[1].id)]

    def test_expert_books_for_client_and_sees_own_sessions_only(self):
        booking = self.line.with_user(self.expert_a)._session_book(self.tuesday_9)
        self.assertEqual(booking.booked_by, "expert")
        Booking = self.env["session.booking"]
        self.assertIn(booking, Booking.with_user(self.expert_a).search([]))
        self.assertNotIn(booking, Booking.with_user(self.expert_b).search([]))

    def test_backend_wizard_books_and_reschedules(self):
        Wizard = self.env["session.booking.wizard"].with_user(self.expert_a)
        action = Wizard._action_open(self.line)
        values = {"date": self.tuesday_9.date(), "start": self.tuesday_9}
        wizard = Wizard.with_context(**action["context"]).create(values)
        self.assertIn("Free times", wizard.free_slot_summary)
        result = wizard.action_confirm()
        booking = self.env["session.booking"].browse(result["res_id"])
        self.assertEqual(booking.booked_by, "expert")
        self.assertEqual(booking.start, self.tuesday_9)
        # reschedule through the same wizard
        action = booking.with_user(self.expert_a).action_reschedule()
        later = self.tuesday_9 + timedelta(hours=1)
        Wizard.with_context(**action["context"]).create({"date": later.date(), "start": later}).action_confirm()
        self.assertEqual(booking.start, later)
        # another expert cannot book on this package nor move the session
        with self.assertRaises(AccessError):
            self.env["session.booking.wizard"].with_user(self.expert_b).create(
                {"sale_line_id": self.line.id, "date": later.date(), "start": later + timedelta(hours=1)}
            ).action_confirm()
        with self.assertRaises(AccessError):
            booking.with_user(self.expert_b).action_cancel()


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestBookingLockFootprint(SessionBookingCommon):
    """Bookings never write the expert's row (they lock the expert's time
    with advisory locks): a write there would make every concurrent booking
    of the expert fail and retry."""

    def _row_version(self):
        self.env.cr.execute("SELECT xmin::text FROM res_users WHERE id = %s", [self.expert_a.id])
        return self.env.cr.fetchone()[0]

    def test_bookings_leave_the_expert_row_alone(self):
        line, other = self._paid_package_line(), self._paid_package_line()
        tuesday_9 = self._utc(MONDAY.replace(day=8, hour=9))
        self.env.flush_all()
        before = self._row_version()
        booking = line._session_book(tuesday_9)
        with self.assertRaises(UserError):
            other._session_book(tuesday_9)
        booking._reschedule(tuesday_9 + timedelta(hours=1))
        self.env.flush_all()
        self.assertEqual(self._row_version(), before)

    def test_a_session_does_not_block_its_own_move(self):
        line = self._paid_package_line()
        tuesday_9 = self._utc(MONDAY.replace(day=8, hour=9))
        booking = line._session_book(tuesday_9)
        Slot = self.env["session.slot"]
        with self.assertRaises(UserError):
            Slot._check_slot(line, tuesday_9)
        Slot._check_slot(line, tuesday_9, ignore_events=booking.calendar_event_id)
        booking._reschedule(tuesday_9)  # the same time: a no-op move, not a conflict
        self.assertEqual(booking.start, tuesday_9)
        self.assertTrue(booking.calendar_event_id.active)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestBusyTimeSources(SessionBookingCommon):
    """The busy-time query reads events the expert organises and events the
    expert only attends (declined ones excepted)."""

    def test_attended_events_block_and_declined_ones_do_not(self):
        line = self._paid_package_line()
        tuesday_9 = self._utc(MONDAY.replace(day=8, hour=9))
        wednesday_9 = tuesday_9 + timedelta(days=1)
        self.env["calendar.event"].create(
            [
                {
                    "name": "Meeting organised by the manager",
                    "start": start,
                    "stop": start + timedelta(minutes=50),
                    "user_id": self.platform_manager.id,
                    "partner_ids": [Command.set(self.expert_a.partner_id.ids)],
                }
                for start in (tuesday_9, wednesday_9)
            ]
        )
        declined = self.env["calendar.attendee"].search(
            [("partner_id", "=", self.expert_a.partner_id.id), ("event_id.start", "=", wednesday_9)]
        )
        declined.state = "declined"
        slots = line._session_get_free_slots(NOW, NOW + timedelta(days=3))
        self.assertNotIn(tuesday_9, slots)
        self.assertIn(wednesday_9, slots)
