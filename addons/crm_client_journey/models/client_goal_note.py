from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ClientGoalNote(models.Model):
    _name = "client.goal.note"
    _description = "Client Goal Progress Note"
    _inherit = ["client.goal.progress.mixin"]
    _order = "date desc, id desc"
    _rec_name = "goal_id"

    goal_id = fields.Many2one("client.goal", string="Goal", required=True, index=True, ondelete="cascade")
    expert_id = fields.Many2one(related="goal_id.expert_id", store=True, index=True)
    partner_id = fields.Many2one(related="goal_id.partner_id", store=True, index=True, string="Client")
    company_id = fields.Many2one(related="goal_id.company_id", store=True)
    session_booking_id = fields.Many2one(
        "session.booking",
        string="Session",
        index="btree_not_null",
        ondelete="set null",
        domain="[('expert_id', '=', expert_id), ('commercial_partner_id', '=', commercial_partner_id)]",
        help="The session this note reports on, if any.",
    )
    commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    note = fields.Html(string="Progress Note", required=True)
    progress = fields.Integer(help="The goal's progress at this note; the latest note sets the goal's progress.")

    @api.constrains("session_booking_id", "goal_id")
    def _check_session(self):
        for note in self.filtered("session_booking_id"):
            session = note.session_booking_id
            if (
                session.expert_id != note.goal_id.expert_id
                or session.commercial_partner_id != note.goal_id.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    _(
                        "Session %(session)s is not a session of %(client)s with %(expert)s.",
                        session=session.name,
                        client=note.goal_id.partner_id.name,
                        expert=note.goal_id.expert_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "progress" not in vals and vals.get("goal_id"):
                # a note without a progress keeps the goal's
                vals["progress"] = self.env["client.goal"].browse(vals["goal_id"]).progress
        notes = super().create(vals_list)
        notes._update_goal_progress()
        return notes

    def write(self, vals):
        res = super().write(vals)
        if "progress" in vals or "date" in vals:
            self._update_goal_progress()
        return res

    def _update_goal_progress(self):
        """The latest note of a goal carries its current progress."""
        for goal in self.goal_id:
            latest = goal.note_ids.sorted(lambda note: (note.date, note.id))[-1:]
            if latest and goal.progress != latest.progress:
                goal.progress = latest.progress
