from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    session_booking_id = fields.Many2one(
        "session.booking", string="Session", readonly=True, index="btree_not_null", copy=False
    )

    def init(self):
        res = super().init()
        # Back the slot planner's busy-time query (session.slot): an
        # expert's events by end time, an attendee's events.
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS session_booking_calendar_event_user_stop_idx
                ON calendar_event (user_id, stop)
            """
        )
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS session_booking_calendar_attendee_partner_event_idx
                ON calendar_attendee (partner_id, event_id)
            """
        )
        return res

    @api.constrains("partner_ids", "session_booking_id")
    def _check_session_max_attendees(self):
        for event in self.filtered("session_booking_id"):
            booking = event.session_booking_id.sudo()
            attendees = event.partner_ids - booking.expert_id.partner_id
            maximum = booking.sale_line_id.session_max_attendees
            if len(attendees) > maximum:
                raise ValidationError(
                    _(
                        "Session %(name)s allows at most %(max)s attendees besides the expert.",
                        name=booking.name,
                        max=maximum,
                    )
                )
