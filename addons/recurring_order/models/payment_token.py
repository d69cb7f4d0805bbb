from odoo import _, models


class PaymentToken(models.Model):
    _inherit = "payment.token"

    def _recurring_masked_name(self):
        """The card as the client sees it, always masked (``•••• 4242``):
        ``payment_demo`` shows its tokens' details unpadded."""
        self.ensure_one()
        name = self.display_name or ""
        if self.payment_details and not name.startswith("•"):
            name = f"•••• {self.payment_details[-4:]}"
        return name

    def get_linked_records_info(self):
        """Warn before a card is removed: these recurring orders charge it."""
        res = super().get_linked_records_info()
        # an RPC endpoint: only the card's owner (or staff) learns its uses
        self.check_access_rights("read")
        self.check_access_rule("read")
        records = (
            self.env["recurring.order"]
            .sudo()
            .search(
                [("payment_token_id", "=", self.id), ("state", "in", ("active", "processing", "suspended", "failed"))]
            )
        )
        for record in records:
            res.append(
                {
                    "description": _("Recurring order"),
                    "id": record.id,
                    "name": f"{record.name} - {record.product_id.name}",
                    "url": record._client_center_url(),
                }
            )
        return res
