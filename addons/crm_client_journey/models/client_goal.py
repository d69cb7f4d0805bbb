from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError


class ClientGoal(models.Model):
    _name = "client.goal"
    _description = "Client Goal"
    _inherit = ["mail.thread", "mail.activity.mixin", "expert.client.mixin", "client.goal.progress.mixin"]
    _order = "state_sequence, target_date, id desc"
    _check_company_auto = True
    _expert_client_fields = ("partner_id", "expert_id")

    name = fields.Char(string="Goal", required=True, tracking=True)
    description = fields.Html()
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, index=True, tracking=True, check_company=True
    )
    expert_id = fields.Many2one(
        "res.users",
        string="Expert",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain=lambda self: self.env["res.users"]._expert_domain(),
        help="The expert who works on this goal with the client: the only one who may change it.",
    )
    target_date = fields.Date(tracking=True)
    state = fields.Selection(
        [
            ("in_progress", "In Progress"),
            ("achieved", "Achieved"),
            ("abandoned", "Abandoned"),
        ],
        default="in_progress",
        required=True,
        tracking=True,
        index=True,
    )
    state_sequence = fields.Integer(compute="_compute_state_sequence", store=True)
    progress = fields.Integer(tracking=True, group_operator="avg")
    note_ids = fields.One2many("client.goal.note", "goal_id", string="Progress Notes")
    note_count = fields.Integer(compute="_compute_note_count")
    last_note_date = fields.Date(compute="_compute_note_count")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    color = fields.Integer()
    active = fields.Boolean(default=True)

    @api.depends("state")
    def _compute_state_sequence(self):
        order = {"in_progress": 0, "achieved": 1, "abandoned": 2}
        for goal in self:
            goal.state_sequence = order.get(goal.state, 3)

    @api.depends("note_ids.date")
    def _compute_note_count(self):
        data = {
            goal: (count, last)
            for goal, count, last in self.env["client.goal.note"]._read_group(
                [("goal_id", "in", self.ids)], ["goal_id"], ["__count", "date:max"]
            )
        }
        for goal in self:
            goal.note_count, goal.last_note_date = data.get(goal, (0, False))

    @api.constrains("partner_id", "expert_id")
    def _check_client_is_not_expert(self):
        for goal in self:
            if goal.partner_id == goal.expert_id.partner_id:
                raise ValidationError(_("An expert cannot set a client goal for themselves."))

    def write(self, vals):
        if "expert_id" in vals and not self.env.su and self.env.user._is_restricted_expert():
            if vals["expert_id"] != self.env.user.id:
                raise AccessError(_("A client goal stays with its expert: you cannot give it to another expert."))
        return super().write(vals)

    def _link_client_experts(self):
        """A client the platform sets a goal for with an expert is its client."""
        for goal in self.sudo():
            goal.partner_id._link_client_experts(goal.expert_id)

    def action_mark_achieved(self):
        self.write({"state": "achieved", "progress": 100})
        return True

    def action_abandon(self):
        self.write({"state": "abandoned"})
        return True

    def action_reopen(self):
        self.write({"state": "in_progress"})
        return True

    def action_view_notes(self):
        self.ensure_one()
        return self._expert_window_action(
            "crm_client_journey.client_goal_note_action",
            [("goal_id", "=", self.id)],
            {"default_goal_id": self.id, "default_progress": self.progress},
        )
