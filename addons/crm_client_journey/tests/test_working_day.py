from datetime import date, datetime

from odoo.tests import tagged

from .common import ClientJourneyCommon


@tagged("post_install", "-at_install")
class TestNextWorkingDay(ClientJourneyCommon):
    def test_weekdays_and_weekend(self):
        expert = self.expert_a  # Europe/Brussels, company calendar Monday-Friday
        cases = [
            (datetime(2030, 1, 7, 6), date(2030, 1, 8)),  # Monday -> Tuesday
            (datetime(2030, 1, 11, 15), date(2030, 1, 14)),  # Friday -> Monday
            (datetime(2030, 1, 12, 10), date(2030, 1, 14)),  # Saturday -> Monday
            (datetime(2030, 1, 13, 23, 30), date(2030, 1, 15)),  # Monday 00:30 in Brussels -> Tuesday
        ]
        for now, expected in cases:
            with self.subTest(now=now):
                self.assertEqual(expert._crm_next_working_day(now), expected)

    def test_time_zone_of_the_user(self):
        # Friday 23:30 UTC: still Friday in New York, already Saturday in Brussels
        friday_night = datetime(2030, 1, 11, 23, 30)
        self.assertEqual(self.expert_b._crm_next_working_day(friday_night), date(2030, 1, 14))
        thursday_night = datetime(2030, 1, 10, 23, 30)
        self.assertEqual(self.expert_a._crm_next_working_day(thursday_night), date(2030, 1, 14))
        self.assertEqual(self.expert_b._crm_next_working_day(thursday_night), date(2030, 1, 11))

    def test_public_holiday_is_skipped(self):
        calendar = self.company.resource_calendar_id
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": calendar.id,
                "date_from": datetime(2030, 1, 7, 23),
                "date_to": datetime(2030, 1, 8, 22, 59),
            }
        )
        self.assertEqual(self.expert_a._crm_next_working_day(datetime(2030, 1, 7, 6)), date(2030, 1, 9))

    def test_own_working_hours_first(self):
        weekend = self._create_availability("Weekend", "Europe/Brussels", days=(5, 6))
        self.env["resource.resource"].create(
            {"name": "Expert A", "user_id": self.expert_a.id, "calendar_id": weekend.id, "tz": "Europe/Brussels"}
        )
        self.assertEqual(self.expert_a.resource_calendar_id, weekend)
        self.assertEqual(self.expert_a._crm_next_working_day(datetime(2030, 1, 7, 6)), date(2030, 1, 12))
