from odoo import fields, models


class CustomerStatusWizard(models.TransientModel):
    """Asks the reason before a platform manager closes, cancels or
    reactivates customers (the partner's actions check the caller)."""

    _name = "customer.status.wizard"
    _description = "Change the Status of Customers"

    partner_ids = fields.Many2many("res.partner", string="Customers", required=True)
    action = fields.Selection(
        [("close", "Close"), ("cancel", "Cancel"), ("reactivate", "Reactivate")], required=True, default="close"
    )
    reason = fields.Char(help="Required to cancel a customer; kept with its status.")

    def action_confirm(self):
        self.ensure_one()
        method = {
            "close": "action_customer_close",
            "cancel": "action_customer_cancel",
            "reactivate": "action_customer_reactivate",
        }[self.action]
        getattr(self.partner_ids, method)(self.reason)
        return {"type": "ir.actions.act_window_close"}
