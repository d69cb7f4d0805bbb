from odoo import models


class CalendarEvent(models.Model):
    _name = "calendar.event"
    _inherit = ["calendar.event", "expert.client.mixin"]

    _expert_client_fields = ("partner_ids", "user_id")

    def _link_client_experts(self):
        """The people an expert meets (a session's client and guests, the
        attendees of its meetings) are its clients. An expert itself only
        invites people it may read (expert_base)."""
        events = self.sudo().filtered("user_id.is_restricted_expert")
        for expert in events.user_id:
            meetings = events.filtered(lambda event, expert=expert: event.user_id == expert)
            meetings.partner_ids.filtered("partner_share")._link_client_experts(expert)
