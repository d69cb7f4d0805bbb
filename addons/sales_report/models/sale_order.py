from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def _sales_report_demo_pay(self, order_ids, provider_xmlid):
        """Demo (``demo/sales_report_demo.xml``): confirm and pay the orders
        in full through ``provider_xmlid`` (the fee by the provider's rule)."""
        provider = self.env.ref(provider_xmlid)
        if not provider.journal_id:
            provider.journal_id = self.env["account.journal"].search(
                [("type", "=", "bank"), ("company_id", "=", self.env.company.id)], limit=1
            )
        method = provider.payment_method_ids[:1] or self.env.ref("payment.payment_method_unknown")
        Transaction = self.env["payment.transaction"]
        for order in self.browse(order_ids):
            order.action_confirm()
            tx = Transaction.create(
                {
                    "provider_id": provider.id,
                    "payment_method_id": method.id,
                    "operation": "online_direct",
                    "reference": Transaction._compute_reference(provider.code, prefix=order.name),
                    "amount": order.amount_total,
                    "currency_id": order.currency_id.id,
                    "partner_id": order.partner_invoice_id.id,
                    "sale_order_ids": [fields.Command.set(order.ids)],
                }
            )
            tx._set_done()
            tx._finalize_post_processing()
        return True
