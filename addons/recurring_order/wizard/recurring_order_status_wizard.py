from odoo import fields, models


class RecurringOrderStatusWizard(models.TransientModel):
    """Asks the reason (and, to suspend, an optional resume date) before
    the status of recurring orders changes."""

    _name = "recurring.order.status.wizard"
    _description = "Change the Status of Recurring Orders"

    recurring_order_ids = fields.Many2many("recurring.order", required=True)
    action = fields.Selection([("suspend", "Suspend"), ("complete", "Complete")], required=True, default="suspend")
    reason = fields.Char(required=True)
    resume_on = fields.Date(help="Leave empty to activate it again by hand.")

    def action_confirm(self):
        self.ensure_one()
        if self.action == "suspend":
            self.recurring_order_ids.action_suspend(self.reason, self.resume_on)
        else:
            self.recurring_order_ids.action_complete(self.reason)
        return {"type": "ir.actions.act_window_close"}
