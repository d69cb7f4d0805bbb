from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_goal_count = fields.Integer(
        compute="_compute_client_goal_count", string="Client Goals", groups="expert_base.group_expert"
    )

    @api.depends_context("uid")
    def _compute_client_goal_count(self):
        counts = dict(
            self.env["client.goal"]._read_group([("partner_id", "in", self.ids)], ["partner_id"], ["__count"])
        )
        for partner in self:
            partner.client_goal_count = counts.get(partner, 0)

    def action_view_client_goals(self):
        self.ensure_one()
        return self._expert_window_action(
            "crm_client_journey.client_goal_action", [("partner_id", "=", self.id)], {"default_partner_id": self.id}
        )
