from odoo import _, api, fields, models
from odoo.exceptions import UserError

# More is certainly a typo (the message below says it)
CLIENT_QUOTATION_MAX_QUANTITY = 1000


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # ------------------------------------------------------------------
    # What a client sees: overridable hooks, as sale's
    # ``_prepare_orders_domain(partner)``
    # ------------------------------------------------------------------

    @api.model
    def _prepare_client_orders_domain(self, partner):
        """The orders ``partner``'s commercial entity sees: quotations sent
        to it, confirmed and cancelled orders (drafts are still being
        prepared by the seller)."""
        return partner._ownership_domain() + [("state", "in", ("sent", "sale", "cancel"))]

    @api.model
    def _prepare_open_orders_domain(self, partner):
        """THE rule of an open order: a quotation waiting for the client, or
        a confirmed order whose sessions are not all done."""
        return partner._ownership_domain() + [
            "|",
            ("state", "=", "sent"),
            "&",
            ("state", "=", "sale"),
            ("booking_status", "in", ("to_book", "partially_booked", "fully_booked")),
        ]

    # ------------------------------------------------------------------
    # Cancel and reorder from the client center
    # ------------------------------------------------------------------

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

    # ------------------------------------------------------------------
    # Quotations created by the client
    # ------------------------------------------------------------------

    @api.model
    def _create_client_center_quotation(self, center, partner, quantities):
        """A quotation for ``partner`` of ``center``'s allowed products,
        from ``{product_id: quantity}``; marked as sent so the client
        confirms and pays it in the standard portal.

        Bad input (the center takes no order, a product it does not offer,
        a quantity out of bounds, nothing chosen) raises ``UserError``.
        """
        center.ensure_one()
        if not center.allow_sale_order_creation:
            raise UserError(_("This client center does not take orders."))
        lines = []
        for product_id, quantity in quantities.items():
            if quantity <= 0:
                continue
            if product_id not in center.product_ids.ids:
                raise UserError(_("This product cannot be ordered here."))
            if quantity > CLIENT_QUOTATION_MAX_QUANTITY:
                raise UserError(_("Order at most 1000 units of a product."))
            lines.append(fields.Command.create({"product_id": product_id, "product_uom_qty": quantity}))
        if not lines:
            raise UserError(_("Choose at least one product and a quantity."))
        company = center.company_id or self.env.company
        # sudo: clients cannot create orders; the checks above decided what they may order
        order_sudo = self.sudo().create(
            {
                "partner_id": partner.id,
                "company_id": company.id,
                "order_line": lines,
                "require_payment": True,
                "require_signature": False,
            }
        )
        order_sudo.action_quotation_sent()
        order_sudo.message_post(body=_("Created by the client from the client center %(center)s.", center=center.name))
        return order_sudo

    # ------------------------------------------------------------------
    # Conversation with the client
    # ------------------------------------------------------------------

    def action_client_center_chat(self):
        """Open the conversation with the order's client in Discuss."""
        self.ensure_one()
        channel_sudo = self.env["discuss.channel"]._client_center_staff_conversation(self.partner_id)
        return channel_sudo._client_center_open_action()
