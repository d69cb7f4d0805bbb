from odoo import _, models
from odoo.exceptions import UserError, ValidationError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_confirm(self):
        res = super()._action_confirm()
        self.partner_id._customer_activate_on_purchase()
        return res

    def _check_cart_is_ready_to_be_paid(self):
        # the payment route's last check: a Cancelled or Terminated
        # customer does not check out, whatever page it came from
        message = self.partner_id.sudo()._customer_blocked_message()
        if message:
            raise ValidationError(message)
        return super()._check_cart_is_ready_to_be_paid()

    def action_customer_duplicate(self):
        """The Orders tab's Duplicate: a new quotation of the same order."""
        self.ensure_one()
        self.check_access_rights("create")
        copy = self.copy()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": copy.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "name": _("Duplicated Order"),
        }

    def action_customer_close(self):
        """The Orders tab's Close: lock the confirmed order (Odoo's Lock)."""
        if any(order.state != "sale" for order in self):
            raise UserError(_("Only a confirmed order can be closed."))
        return self.action_lock()
