from odoo import api, models


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events._link_client_experts()
        return events

    def write(self, vals):
        res = super().write(vals)
        if {"partner_ids", "user_id"} & set(vals):
            self._link_client_experts()
        return res

    def _link_client_experts(self):
        """The people an expert meets (a session's client and guests, the
        attendees of its meetings) are its clients. An expert itself only
        invites people it may read (expert_base)."""
        events = self.sudo().filtered("user_id.is_restricted_expert")
        for expert in events.user_id:
            meetings = events.filtered(lambda event, expert=expert: event.user_id == expert)
            meetings.partner_ids.filtered("partner_share")._link_client_experts(expert)
