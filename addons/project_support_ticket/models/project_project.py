from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ProjectProject(models.Model):
    _inherit = "project.project"

    is_support_project = fields.Boolean(
        string="Support Project",
        copy=False,
        help="Its tasks are support tickets: clients open them from the portal, "
        "experts only see the tickets they are assigned to or follow.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "privacy_visibility" in fields_list and self.env.user._is_restricted_expert():
            values["privacy_visibility"] = "followers"
        return values

    @api.model_create_multi
    def create(self, vals_list):
        user = self.env.user
        if not self.env.su and user._is_restricted_expert():
            # an expert's project is its own and private: visible to the
            # expert, the people it invites and the platform
            for vals in vals_list:
                vals.setdefault("privacy_visibility", "followers")
                vals.setdefault("user_id", user.id)
        return super().create(vals_list)

    @api.constrains("privacy_visibility", "user_id", "is_support_project")
    def _check_expert_project(self):
        user = self.env.user
        if self.env.su or not user._is_restricted_expert():
            return
        for project in self:
            if project.user_id != user or project.is_support_project:
                raise ValidationError(_("You manage your own projects only."))
            if project.privacy_visibility != "followers":
                raise ValidationError(
                    _(
                        "Your projects stay private: visible to you, the colleagues you invite and the "
                        "platform. Another expert never sees your clients' work."
                    )
                )
