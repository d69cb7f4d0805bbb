from odoo import _, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _client_center_can_cancel(self):
        """A client may cancel its quotation until it is confirmed."""
        self.ensure_one()
        return self.state in ("draft", "sent")

    def _client_center_cancel(self):
        """Cancel the quotation at the client's request; a confirmed order
        (or an already cancelled one) is refused and nothing changes."""
        self.ensure_one()
        self.env.cr.execute("SELECT id FROM sale_order WHERE id = %s FOR UPDATE", [self.id])
        self.invalidate_recordset(["state"])
        if not self._client_center_can_cancel():
            raise UserError(
                _("The order %(order)s is already confirmed or cancelled: it cannot be cancelled.", order=self.name)
            )
        self.with_context(disable_cancel_warning=True).action_cancel()
        self.message_post(body=_("Cancelled by the client from the client center."))
        return True

    def _client_center_reorder_lines(self):
        """The lines a client may order again: session packages still sold
        (penalty fees and other products never)."""
        return self.order_line.filtered(
            lambda line: not line.display_type
            and line.product_id.is_session_package
            and line.product_id._is_add_to_cart_allowed()
        )

    def _client_center_reorder(self, cart):
        """Add this order's package lines to ``cart`` (a website cart in
        draft); return the number of lines added."""
        self.ensure_one()
        lines = self._client_center_reorder_lines()
        if not lines:
            raise UserError(_("Nothing on %(order)s can be ordered again.", order=self.name))
        for line in lines:
            cart._cart_update(product_id=line.product_id.id, add_qty=line.product_uom_qty)
        return len(lines)
