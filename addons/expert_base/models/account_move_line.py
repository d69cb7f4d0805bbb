from odoo import _, api, models
from odoo.exceptions import AccessError


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def _expert_check_posted_lines(self):
        """An expert never adds, changes or removes journal items of a posted entry."""
        if not self.env["account.move"]._expert_is_restricted():
            return
        posted = self.move_id.filtered(lambda move: move.state == "posted")
        if posted:
            raise AccessError(
                _(
                    "%s is posted: an expert changes it with a credit note, or asks the platform.",
                    ", ".join(posted.mapped("display_name")),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._expert_check_posted_lines()
        return lines

    def write(self, vals):
        self._expert_check_posted_lines()
        return super().write(vals)

    def unlink(self):
        self._expert_check_posted_lines()
        return super().unlink()
