from odoo import api, fields, models


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    @api.model
    def _session_create_weekly(self, name, tz, hours=((9, 12), (13, 17)), days=(0, 1, 2, 3, 4)):
        """An expert's bookable hours: the same ``hours`` ((from, to) pairs,
        in ``tz``) every weekday of ``days`` (0 is Monday). The tests and the
        benchmark build their experts' availability with it."""
        return self.create(
            {
                "name": name,
                "tz": tz,
                "attendance_ids": [
                    fields.Command.clear(),
                    *(
                        fields.Command.create(
                            {
                                "name": f"{day}-{start}",
                                "dayofweek": str(day),
                                "hour_from": start,
                                "hour_to": stop,
                                "day_period": "morning" if start < 12 else "afternoon",
                            }
                        )
                        for day in days
                        for start, stop in hours
                    ),
                ],
            }
        )
