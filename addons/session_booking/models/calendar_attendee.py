from odoo import models


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    def _compute_mail_tz(self):
        """Invitations of a session name a zone even for guests without one:
        the client's (who invited them), else the expert's."""
        res = super()._compute_mail_tz()
        for attendee in self.filtered(lambda att: not att.mail_tz and att.event_id.session_booking_id):
            booking = attendee.event_id.session_booking_id.sudo()
            attendee.mail_tz = booking._session_reader_tz(attendee.partner_id)
        return res
