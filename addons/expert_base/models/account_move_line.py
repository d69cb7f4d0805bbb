from odoo import _, api, models
from odoo.exceptions import AccessError

from .account_move import EXPERT_ALLOWED_MOVE_WRITE


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def _expert_check_posted_lines(self, vals=None):
        """An expert never adds, changes or removes journal items of a posted
        entry (Odoo's flows may still set technical, not stored flags)."""
        if not self.env["account.move"]._expert_is_restricted():
            return
        if self.env.context.get("expert_base_allowed_write") is EXPERT_ALLOWED_MOVE_WRITE:
            return  # Odoo synchronising the lines of a move the expert may write
        lines = self.filtered(lambda line: line.move_id.state == "posted")
        if vals is not None:
            # Odoo's own synchronisation rewrites unchanged values and technical flags
            changed = self.env["account.move"]._expert_stored_fields(vals, self._fields)
            will_change = self.env["account.move"]._field_will_change
            lines = lines.filtered(lambda line: any(will_change(line, vals, name) for name in changed))
        posted = lines.move_id
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
        self._expert_check_posted_lines(vals)
        return super().write(vals)

    def unlink(self):
        self._expert_check_posted_lines()
        return super().unlink()
