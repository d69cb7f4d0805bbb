from odoo import api, fields, models


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

    def write(self, vals):
        res = super().write(vals)
        if "partner_ids" in vals and not self.env.context.get("session_booking_syncing"):
            # attendees added on the meeting are the session's guests
            for event in self.filtered("session_booking_id"):
                booking = event.session_booking_id.sudo()
                if booking.state == "booked":
                    booking._sync_guests_from_meeting(event)
        return res

    @api.constrains("partner_ids", "session_booking_id")
    def _check_session_max_attendees(self):
        for event in self.filtered("session_booking_id"):
            booking = event.session_booking_id.sudo()
            booking._check_attendee_cap(event.partner_ids)
