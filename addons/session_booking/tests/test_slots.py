from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import SessionBookingCommon


@tagged("post_install", "-at_install")
class TestSlotsDaylightSaving(SessionBookingCommon):
    """Working hours are read in the expert's zone on both sides of a DST change."""

    def _first_slot_per_day(self, line, date_from, days):
        slots = line._session_get_free_slots(date_from, date_from + timedelta(days=days))
        first = {}
        for slot in slots:
            first.setdefault(slot.date(), slot)
        return first

    def test_europe_spring_forward(self):
        # Brussels: CET (UTC+1) until Sunday 31 March 2030, CEST (UTC+2) after
        with freeze_time("2030-03-27 00:00:00"):
            line = self._paid_package_line()
            first = self._first_slot_per_day(line, datetime(2030, 3, 27), 8)
        self.assertEqual(first[datetime(2030, 3, 29).date()], datetime(2030, 3, 29, 8, 0))
        self.assertEqual(first[datetime(2030, 4, 1).date()], datetime(2030, 4, 1, 7, 0))

    def test_america_spring_forward(self):
        # New York: EST (UTC-5) until Sunday 10 March 2030, EDT (UTC-4) after
        with freeze_time("2030-03-06 00:00:00"):
            line = self._paid_package_line(self.package_b)
            first = self._first_slot_per_day(line, datetime(2030, 3, 6), 8)
        self.assertEqual(first[datetime(2030, 3, 8).date()], datetime(2030, 3, 8, 14, 0))
        self.assertEqual(first[datetime(2030, 3, 11).date()], datetime(2030, 3, 11, 13, 0))

    def test_europe_fall_back(self):
        # Brussels: back to CET on Sunday 27 October 2030
        with freeze_time("2030-10-23 00:00:00"):
            line = self._paid_package_line()
            first = self._first_slot_per_day(line, datetime(2030, 10, 23), 8)
        self.assertEqual(first[datetime(2030, 10, 25).date()], datetime(2030, 10, 25, 7, 0))
        self.assertEqual(first[datetime(2030, 10, 28).date()], datetime(2030, 10, 28, 8, 0))

    def test_all_day_event_blocks_the_day_and_free_events_do_not(self):
        with freeze_time("2030-01-07 06:00:00"):
            line = self._paid_package_line()
            self.env["calendar.event"].create(
                [
                    {
                        "name": "Holiday",
                        "allday": True,
                        "start_date": "2030-01-09",
                        "stop_date": "2030-01-09",
                        "user_id": self.expert_a.id,
                        "partner_ids": [Command.set(self.expert_a.partner_id.ids)],
                    },
                    {
                        "name": "Reminder shown as free",
                        "start": "2030-01-08 08:00:00",
                        "stop": "2030-01-08 16:00:00",
                        "show_as": "free",
                        "user_id": self.expert_a.id,
                        "partner_ids": [Command.set(self.expert_a.partner_id.ids)],
                    },
                ]
            )
            days = {slot.date() for slot in line._session_get_free_slots(datetime(2030, 1, 7), datetime(2030, 1, 11))}
        self.assertIn(datetime(2030, 1, 8).date(), days)
        self.assertNotIn(datetime(2030, 1, 9).date(), days)
        self.assertIn(datetime(2030, 1, 10).date(), days)
