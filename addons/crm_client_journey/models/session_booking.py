from odoo import _, api, fields, models


class SessionBooking(models.Model):
    _inherit = "session.booking"

    client_goal_note_ids = fields.One2many("client.goal.note", "session_booking_id", string="Progress Notes")
    client_goal_count = fields.Integer(compute="_compute_client_goal_count", string="Client Goals")

    @api.depends_context("uid")
    def _compute_client_goal_count(self):
        Goal = self.env["client.goal"]
        if not Goal.check_access_rights("read", raise_exception=False):
            self.client_goal_count = 0
            return
        counts = {
            (partner.id, expert.id): count
            for partner, expert, count in Goal._read_group(
                [("partner_id", "in", self.partner_id.ids), ("expert_id", "in", self.expert_id.ids)],
                ["partner_id", "expert_id"],
                ["__count"],
            )
        }
        for booking in self:
            booking.client_goal_count = counts.get((booking.partner_id.id, booking.expert_id.id), 0)

    @api.model_create_multi
    def create(self, vals_list):
        bookings = super().create(vals_list)
        bookings._schedule_first_session_follow_up()
        return bookings

    def _schedule_first_session_follow_up(self):
        """The first session a client books with an expert gets a follow-up
        activity for the expert, due the expert's next working day after it."""
        for booking in self.filtered(lambda b: b.state == "booked"):
            earlier = self.sudo().search_count(
                [
                    ("id", "!=", booking.id),
                    ("commercial_partner_id", "=", booking.commercial_partner_id.id),
                    ("expert_id", "=", booking.expert_id.id),
                    ("state", "!=", "cancelled"),
                ],
                limit=1,
            )
            if earlier:
                continue
            expert = booking.expert_id
            # no "you have been assigned" mail: the expert is mailed the
            # booking itself (session_booking's booked note); the follow-up
            # shows in the expert's activities
            booking.sudo().with_context(mail_activity_quick_update=True).activity_schedule(
                "crm_client_journey.mail_activity_type_session_follow_up",
                date_deadline=expert._crm_next_working_day(after=booking.stop),
                summary=_("Follow up on the first session with %s", booking.partner_id.name),
                user_id=expert.id,
            )

    def _do_cancel(self, cancelled_by, reason, state):
        """A cancelled session needs no follow-up: the next one booked gets it."""
        res = super()._do_cancel(cancelled_by, reason, state)
        self.sudo().activity_unlink(["crm_client_journey.mail_activity_type_session_follow_up"])
        return res

    def action_view_client_goals(self):
        self.ensure_one()
        return self._expert_window_action(
            "crm_client_journey.client_goal_action",
            [("partner_id", "=", self.partner_id.id), ("expert_id", "=", self.expert_id.id)],
            {
                "default_partner_id": self.partner_id.id,
                "default_expert_id": self.expert_id.id,
                "default_session_booking_id": self.id,
            },
        )

    def action_view_client_goal_notes(self):
        self.ensure_one()
        return self._expert_window_action(
            "crm_client_journey.client_goal_note_action",
            [("session_booking_id", "=", self.id)],
            {"default_session_booking_id": self.id},
        )
