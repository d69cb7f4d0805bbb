from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, ClientJourneyCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestFirstSessionFollowUp(ClientJourneyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.line = cls._paid_package_line()
        cls.follow_up_type = cls.env.ref("crm_client_journey.mail_activity_type_session_follow_up")

    def _follow_ups(self, bookings):
        return bookings.activity_ids.filtered(lambda a: a.activity_type_id == self.follow_up_type)

    def test_first_session_schedules_a_follow_up_after_it(self):
        # Friday 11 January, 16:00 in Brussels: the follow-up is due Monday
        first = self.line._session_book(self._utc(NOW.replace(day=11, hour=16)))
        activity = self._follow_ups(first)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.expert_a)
        self.assertEqual(activity.date_deadline, date(2030, 1, 14))
        self.assertIn(self.client_partner.name, activity.summary)
        # one mail to the expert for the booking, none for the activity
        assigned = self.env["mail.message"].search(
            [("model", "=", "session.booking"), ("res_id", "=", first.id), ("message_type", "=", "user_notification")]
        )
        self.assertFalse(assigned, "no assignment mail on top of the booking's")
        second = self.line._session_book(self._utc(NOW.replace(day=8, hour=9)))
        self.assertFalse(self._follow_ups(second), "only the first session with the expert")

    def test_cancelled_first_session_does_not_count(self):
        first = self.line._session_book(self._utc(NOW.replace(day=8, hour=9)))
        self.assertTrue(self._follow_ups(first))
        first.action_cancel()
        self.assertFalse(self._follow_ups(first), "no follow-up of a cancelled session")
        retry = self.line._session_book(self._utc(NOW.replace(day=9, hour=9)))
        self.assertEqual(self._follow_ups(retry).date_deadline, date(2030, 1, 10))

    def test_first_session_per_expert(self):
        self.line._session_book(self._utc(NOW.replace(day=8, hour=9)))
        line_b = self._paid_package_line(self.package_b)
        # the package's hours are read in the expert's time zone
        with_b = line_b._session_book(self._utc(NOW.replace(day=8, hour=11), "America/New_York"))
        self.assertEqual(self._follow_ups(with_b).user_id, self.expert_b)

    def test_booking_by_the_client_from_the_portal(self):
        """Clients book through the portal as themselves: the follow-up is
        still scheduled for the expert, the client never sees it."""
        booking = self.line.with_user(self.client_user)._session_book(self._utc(NOW.replace(day=8, hour=9)))
        activity = self._follow_ups(booking.sudo())
        self.assertEqual(activity.user_id, self.expert_a)
