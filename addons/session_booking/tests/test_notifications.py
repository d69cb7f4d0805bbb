"""Issue 15.1: every booking path sends the client and the guests the
invitation (join link, .ics) and tells the expert; every reschedule and
cancellation tells every attendee. Checked on the mail.mail records
produced, per path and per recipient. Issue 14.9: bookings, moves and
cancellations are lines of the order's chatter."""

import re
from datetime import timedelta

from odoo.tests import HttpCase, tagged

from odoo.addons.expert_base.tests.common import form_csrf_token
from odoo.addons.mail.tests.common import MockEmail

from .common import MONDAY, SessionBookingCommon


@tagged("post_install", "-at_install")
class TestSessionNotifications(MockEmail, SessionBookingCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.expert_a.write({"notification_type": "email", "email": "expert.a@example.com"})
        # contacts the expert added (an expert names only people it may see)
        cls.guests = (
            cls.env["res.partner"]
            .with_user(cls.expert_a)
            .create([{"name": f"Guest {n}", "email": f"guest{n}@example.com", "tz": "Asia/Tokyo"} for n in range(2)])
            .sudo()
        )
        cls.line = cls._paid_package_line()
        # a Tuesday far ahead of the real clock, 09:00 in Brussels
        cls.start = cls._utc(MONDAY.replace(year=2031, day=7, hour=9))

    def _mails_to(self, partner):
        return self._new_mails.filtered(lambda mail: partner in mail.recipient_ids)

    @staticmethod
    def _text(html):
        return re.sub(r"\s+", " ", str(html))

    def _assert_invited(self, partner, booking):
        """One invitation: the join link and the .ics of the session's meeting."""
        mails = self._mails_to(partner).filtered(lambda mail: mail.model == "calendar.event")
        self.assertEqual(len(mails), 1, f"one invitation to {partner.name}")
        self.assertEqual(mails.res_id, booking.calendar_event_id.id)
        self.assertIn(booking.calendar_event_id.access_token, mails.body_html)
        self.assertIn("invitation.ics", mails.attachment_ids.mapped("name"))
        return mails

    def _assert_expert_told(self, booking, *texts):
        """One mail to the expert on the session says all of ``texts`` (other
        modules may add theirs, e.g. a follow-up activity)."""
        mails = self._mails_to(self.expert_a.partner_id).filtered(
            lambda mail: mail.model == "session.booking"
            and mail.res_id == booking.id
            and all(text in self._text(mail.body_html) for text in texts)
        )
        self.assertEqual(len(mails), 1, f"the expert is told once: {texts}")
        return mails

    def test_client_books_in_the_portal(self):
        """The client books in its own request: it gets the invitation too
        (calendar leaves out the current user)."""
        line = self._page_package_line()
        self.authenticate("client_a", "client_a")
        page = self.url_open(f"/my/sessions/book/{line.id}").text
        csrf = form_csrf_token(page)
        start = re.search(r'data-start="([^"]+)"', page).group(1)
        with self.mock_mail_gateway():
            response = self.url_open(f"/my/sessions/book/{line.id}", data={"csrf_token": csrf, "start": start})
        self.assertEqual(response.status_code, 200)
        booking = line.session_booking_ids
        self.assertEqual((booking.booked_by, str(booking.start)), ("client", start))
        self._assert_invited(self.client_partner, booking)
        # the expert, in her zone (Brussels), with the join link
        when = booking._session_format_datetime(booking.start, self.expert_a.partner_id, end=booking.stop)
        self.assertTrue(when.endswith("(Europe/Brussels)"))
        self._assert_expert_told(booking, when, booking.calendar_event_id.access_token)

    def test_expert_books_with_guests_in_the_backend(self):
        wizard = (
            self.env["session.booking.wizard"]
            .with_user(self.expert_a)
            .create(
                {
                    "sale_line_id": self.line.id,
                    "date": self.start.date(),
                    "start": self.start,
                    "guest_partner_ids": [(6, 0, self.guests.ids)],
                }
            )
        )
        with self.mock_mail_gateway():
            wizard.action_confirm()
        booking = self.line.session_booking_ids
        self.assertEqual(booking.booked_by, "expert")
        for partner in self.client_partner | self.guests:
            self._assert_invited(partner, booking)
        # the expert booked it herself: no notice to her
        notices = self._mails_to(self.expert_a.partner_id).filtered(lambda mail: "booked" in mail.body_html)
        self.assertFalse(notices)

    def test_platform_books(self):
        with self.mock_mail_gateway():
            booking = self.line.with_user(self.platform_manager)._session_book(self.start, self.guests[:1])
        self.assertEqual(booking.booked_by, "platform")
        for partner in self.client_partner | self.guests[:1]:
            self._assert_invited(partner, booking)
        self._assert_expert_told(booking, "booked by the platform")

    def test_reschedule_and_cancellation_tell_every_attendee(self):
        booking = self.line.with_user(self.platform_manager)._session_book(self.start, self.guests)
        later = self.start + timedelta(hours=1)
        with self.mock_mail_gateway():
            booking.with_user(self.platform_manager)._reschedule(later)
        self.assertEqual(booking.calendar_event_id.start, later)
        for partner in self.client_partner | self.guests:
            mail = self._mails_to(partner)
            self.assertEqual(len(mail), 1)
            self.assertIn("invitation.ics", mail.attachment_ids.mapped("name"))
        self._assert_expert_told(booking, "moved from", "Tue 7 Jan 2031, 10:00–10:50 (Europe/Brussels)")

        with self.mock_mail_gateway():
            self._cancel_as(booking, "client", reason="Flu")
        notices = {}
        for partner in booking.attendee_partner_ids:
            mail = self._mails_to(partner).filtered(lambda mail: "cancelled" in mail.body_html)
            self.assertEqual(len(mail), 1, f"{partner.name} is told of the cancellation")
            self.assertIn("Flu", mail.body_html)
            notices[partner] = self._text(mail.body_html)
        # each in its zone: the expert in Brussels, the client in Paris, the guests in Tokyo
        self.assertIn("10:00–10:50 (Europe/Brussels)", notices[self.expert_a.partner_id])
        self.assertIn("10:00–10:50 (Europe/Paris)", notices[self.client_partner])
        self.assertIn("18:00–18:50 (Asia/Tokyo)", notices[self.guests[0]])

    def test_order_chatter_lines(self):
        order = self.line.order_id
        before = order.message_ids
        booking = self.line._session_book(self.start)
        booking._reschedule(self.start + timedelta(hours=1))
        self._cancel_as(booking, "expert", reason="Conference")
        lines = (order.message_ids - before).sorted("id")
        self.assertEqual(len(lines), 3)
        texts = [self._text(line.body) for line in lines]
        self.assertIn("booked for Tue 7 Jan 2031, 09:00–09:50 (Europe/Brussels)", texts[0])
        self.assertIn("moved from Tue 7 Jan 2031, 09:00 (Europe/Brussels) to", texts[1])
        self.assertIn("by the expert, Expert A", texts[2])
        self.assertIn("Conference", texts[2])
        self.assertTrue(all(line.subtype_id == self.env.ref("mail.mt_note") for line in lines))

    def test_mail_times_across_daylight_saving(self):
        """The same 09:00 in Brussels is 08:00 UTC in winter and 07:00 UTC in
        summer: the expert's notice says 09:00 (Europe/Brussels) both times."""
        winter = self.start
        summer = self._utc(MONDAY.replace(year=2031, month=7, day=8, hour=9))
        self.assertEqual((winter.hour, summer.hour), (8, 7))
        for start in (winter, summer):
            with self.mock_mail_gateway():
                booking = self.line.with_user(self.platform_manager)._session_book(start)
            notice = self._assert_expert_told(booking, "booked by the platform")
            self.assertIn(
                f"{start.day} {'Jan' if start.month == 1 else 'Jul'} 2031, 09:00–09:50 (Europe/Brussels)",
                self._text(notice.body_html),
            )
