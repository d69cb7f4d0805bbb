from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _prepare_invoice(self):
        """Invoices of online orders (the automatic invoice of a paid order
        included) carry the order's number as their Reference, as the expert
        guide's invoice list shows it: experts find a paid online invoice by
        it."""
        values = super()._prepare_invoice()
        if self.website_id and not values.get("ref"):
            values["ref"] = self.name
        return values
