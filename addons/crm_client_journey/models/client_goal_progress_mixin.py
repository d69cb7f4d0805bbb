from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ClientGoalProgressMixin(models.AbstractModel):
    """A goal's progress in percent: the goal's own, and the one each of its
    progress notes reports. From 0 to 100, checked in the form and in the
    database."""

    _name = "client.goal.progress.mixin"
    _description = "Client Goal Progress"

    progress = fields.Integer(string="Progress (%)", default=0, help="From 0 to 100 %.")

    _sql_constraints = [
        (
            "progress_range",
            "CHECK(progress >= 0 AND progress <= 100)",
            "The progress of a goal is a percentage between 0 and 100.",
        ),
    ]

    @api.constrains("progress")
    def _check_progress(self):
        for record in self:
            if not 0 <= record.progress <= 100:
                raise ValidationError(_("The progress of a goal is a percentage between 0 and 100."))
