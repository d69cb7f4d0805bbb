from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import MONDAY, SessionBookingCommon


@tagged("post_install", "-at_install")
class TestSlotsDaylightSaving(SessionBookingCommon):
    """Working hours are read in the expert's zone on both sides of a DST change."""

    def _first_slot_per_day(self, line, date_from, days):
        slots = line._session_get_free_slots(date_from, date_from + timedelta(days=days))
        first = {}
        for slot in slots:
            first.setdefault(slot.date(), slot)
        return first

    def _assert_first_slots(self, package, today, expected):
        """On ``today``, the first free slot (UTC) of each day is the one ``expected`` gives."""
        with freeze_time(today):
            line = self._paid_package_line(package)
            first = self._first_slot_per_day(line, datetime.fromisoformat(today), 8)
        self.assertEqual(
            {slot.date(): first[slot.date()] for slot in expected}, {slot.date(): slot for slot in expected}
        )

    def test_europe_spring_forward(self):
        # Brussels: CET (UTC+1) until Sunday 31 March 2030, CEST (UTC+2) after
        self._assert_first_slots(self.package, "2030-03-27", [datetime(2030, 3, 29, 8, 0), datetime(2030, 4, 1, 7, 0)])

    def test_america_spring_forward(self):
        # New York: EST (UTC-5) until Sunday 10 March 2030, EDT (UTC-4) after
        self._assert_first_slots(
            self.package_b, "2030-03-06", [datetime(2030, 3, 8, 14, 0), datetime(2030, 3, 11, 13, 0)]
        )

    def test_europe_fall_back(self):
        # Brussels: back to CET on Sunday 27 October 2030
        self._assert_first_slots(
            self.package, "2030-10-23", [datetime(2030, 10, 25, 7, 0), datetime(2030, 10, 28, 8, 0)]
        )

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


@tagged("post_install", "-at_install")
class TestSlotTermsStoredOnTheLine(SessionBookingCommon):
    """The planner reads the expert's hours and zone from the package line:
    the line follows the product's availability and the expert's zone and
    name as they change (stored, not frozen)."""

    def _reread(self, line):
        self.env.flush_all()
        self.env.invalidate_all()
        return line

    def test_line_follows_the_expert_and_the_product(self):
        with freeze_time(MONDAY):
            line = self._paid_package_line()
        self.assertEqual(line.session_expert_tz, "Europe/Brussels")
        self.assertEqual(line.session_availability_id, self.availability)
        self.assertEqual(line.session_expert_name, "Expert A")
        mornings = self._create_availability("Expert A mornings", "Europe/Brussels", hours=((8, 10),))
        line.product_id.session_availability_id = mornings
        self.expert_a.write({"tz": "America/New_York", "name": "Expert Alpha"})
        line = self._reread(line)
        self.assertEqual(line.session_expert_tz, "America/New_York")
        self.assertEqual(line.session_availability_id, mornings)
        self.assertEqual(line.session_expert_name, "Expert Alpha")
        # 08:00 in New York (EST, UTC-5) on Tuesday 7 January 2031
        slots = line._session_get_free_slots(datetime(2031, 1, 7), datetime(2031, 1, 8))
        self.assertEqual(slots[0], datetime(2031, 1, 7, 13, 0))

    def test_no_availability_or_zone_falls_back_to_the_company(self):
        with freeze_time(MONDAY):
            line = self._paid_package_line()
        line.product_id.session_availability_id = False
        self.expert_a.tz = False
        line = self._reread(line)
        company_hours = line.company_id.resource_calendar_id
        terms = line._session_terms()
        self.assertEqual(terms["calendar"], company_hours)
        self.assertEqual(terms["tz"], company_hours.tz or "UTC")
