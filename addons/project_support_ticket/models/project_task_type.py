from odoo import fields, models


class ProjectTaskType(models.Model):
    _inherit = "project.task.type"

    support_role = fields.Selection(
        [
            ("new", "New"),
            ("in_progress", "In progress"),
            ("waiting", "Waiting on client"),
            ("solved", "Solved"),
        ],
        string="Ticket Status",
        help="Meaning of the stage for support tickets: a ticket reaching a Solved stage is "
        "closed; a client's reply on a Solved or Waiting ticket moves it to the In progress stage.",
    )
