from odoo import fields, models


class ProjectProject(models.Model):
    _inherit = "project.project"

    is_support_project = fields.Boolean(
        string="Support Project",
        copy=False,
        help="Its tasks are support tickets: clients open them from the portal, "
        "experts only see the tickets they are assigned to or follow.",
    )
