from odoo import api, models

CANCELLED_STATES = ("cancelled", "late_cancelled")


class SessionBooking(models.Model):
    _inherit = "session.booking"

    @api.model
    def _prepare_client_sessions_domain(self, partner, period):
        """The sessions of ``partner``'s commercial entity in ``period``:
        ``upcoming`` (booked, not over), ``past`` (over, whatever happened,
        except cancelled) or ``cancelled`` (on time or late, whenever they
        were planned: a cancelled session never happened)."""
        domain = partner._ownership_domain("commercial_partner_id")
        if period == "upcoming":
            return domain + [("is_upcoming", "=", True)]
        if period == "past":
            return domain + [("state", "not in", CANCELLED_STATES), ("is_upcoming", "=", False)]
        if period == "cancelled":
            return domain + [("state", "in", CANCELLED_STATES)]
        raise ValueError(period)

    def action_client_center_chat(self):
        """Open the conversation with the session's client in Discuss."""
        self.ensure_one()
        channel_sudo = self.env["discuss.channel"]._client_center_staff_conversation(self.partner_id)
        return channel_sudo._client_center_open_action()
