from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _crm_next_working_day(self, after=None):
        """The first working day of the user strictly after ``after``
        (naive UTC datetime, default now), as a date in the user's time zone.

        Working days come from the user's working hours, else the company's,
        public holidays included; without working hours it is the next day.
        """
        self.ensure_one()
        calendar = self.resource_calendar_id or self.company_id.resource_calendar_id
        tz = pytz.timezone(self.tz or calendar.tz or "UTC")
        local_day = pytz.utc.localize(after or fields.Datetime.now()).astimezone(tz).date()
        next_day = local_day + timedelta(days=1)
        if not calendar:
            return next_day
        end_of_first_day = calendar.plan_days(1, tz.localize(datetime.combine(next_day, time.min)), compute_leaves=True)
        return end_of_first_day.astimezone(tz).date() if end_of_first_day else next_day
