from datetime import datetime

from odoo import Command

from odoo.addons.sale_attribution.tests.common import AttributionCommon

PAYMENT_DAY = datetime(2025, 6, 14, 12, 0)


class SalesReportCommon(AttributionCommon):
    """Orders paid by two providers (the demo provider and a second card
    provider) in two currencies (the company's and EUR), a partial payment,
    a refund; one sale checked as Sam's, one by plan not checked yet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.usd = cls.env.company.currency_id
        cls.eur = cls.env.ref("base.EUR")
        if cls.eur == cls.usd:
            cls.eur = cls.env.ref("base.CHF")
        cls.eur.active = True
        cls.env["res.currency.rate"].search([("currency_id", "in", (cls.eur | cls.usd).ids)]).unlink()
        cls.env["res.currency.rate"].create(
            [
                {"currency_id": cls.eur.id, "name": "2020-01-01", "rate": 0.8, "company_id": cls.env.company.id},
                {"currency_id": cls.usd.id, "name": "2020-01-01", "rate": 1.0, "company_id": cls.env.company.id},
            ]
        )
        cls.provider_2 = cls.provider.copy({"name": "Card Two", "fee_percent": 3.0, "fee_fixed": 0.0})
        cls.provider_2.state = "test"
        # the company's prices stay the clients' default (the first pricelist)
        cls.env["product.pricelist"].create({"name": "Dollar", "currency_id": cls.usd.id, "sequence": 1})
        cls.eur_pricelist = cls.env["product.pricelist"].create(
            {"name": "Euro", "currency_id": cls.eur.id, "sequence": 50}
        )
        cls.categ = cls.env["product.category"].create({"name": "Coaching"})
        cls.offer = cls._create_package(cls.expert_a, 'Coaching, "Pro"', 200.0, categ_id=cls.categ.id)
        cls.package_b.categ_id = cls.categ

        cls._plan(cls.offer)
        # USD, demo provider, checked as Sam's
        cls.order_usd = cls._paid_order(cls.offer)
        cls.order_usd._sale_check("user", cls.sales_user)
        # EUR, second provider, by plan (not checked: not in the manager axis)
        cls._plan(cls.package_b, user=cls.sales_user_2)
        cls.order_eur = cls._create_order_in(cls.package_b, cls.eur_pricelist)
        cls._pay_with(cls.order_eur, cls.provider_2, cls.order_eur.amount_total)
        # USD partial: a first part of 100 by the demo provider
        cls.order_partial = cls._partial_order(confirm=True)
        cls._pay_with(cls.order_partial, cls.provider, 100.0)
        # USD, second provider, then 50 refunded
        cls.order_refund = cls._create_order(cls.package)
        cls.refunded_tx = cls._pay_with(cls.order_refund, cls.provider_2, cls.order_refund.amount_total)
        cls.provider_2.support_refund = "partial"
        cls.order_refund._partial_refund(cls.refunded_tx, 50.0)
        cls.orders = cls.order_usd | cls.order_eur | cls.order_partial | cls.order_refund
        # the fixtures' payments are dated on a day of their own, at noon UTC
        # (the same day for readers in Brussels and New York): the demo's
        # payments (today) stay out of the report's period, and a run across
        # midnight does not move them
        cls._date_payments(PAYMENT_DAY)
        cls.today = PAYMENT_DAY.date()
        cls.date_from = cls.date_to = cls.today

    @classmethod
    def _date_payments(cls, when):
        """Date the fixtures' payments and refunds ``when`` (UTC)."""
        transactions = cls.env["payment.transaction"].search(
            [
                "|",
                ("id", "in", cls.orders.transaction_ids.ids),
                ("source_transaction_id", "in", cls.orders.transaction_ids.ids),
            ]
        )
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE payment_transaction SET create_date = %s WHERE id IN %s", (when, tuple(transactions.ids))
        )
        cls.env.invalidate_all()

    @classmethod
    def _create_order_in(cls, product, pricelist):
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.client_partner.id,
                "pricelist_id": pricelist.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        order.action_confirm()
        return order

    @classmethod
    def _pay_with(cls, order, provider, amount):
        Transaction = cls.env["payment.transaction"].sudo()
        tx = Transaction.create(
            {
                "provider_id": provider.id,
                "payment_method_id": cls.payment_method.id,
                "operation": "online_direct",
                "reference": Transaction._compute_reference("demo", prefix=order.name),
                "amount": amount,
                "currency_id": order.currency_id.id,
                "partner_id": order.partner_invoice_id.id,
                "sale_order_ids": [Command.set(order.ids)],
            }
        )
        tx._set_done()
        tx._finalize_post_processing()
        order.invalidate_recordset()
        return tx

    def _report(self, axis, user=None, currency=None):
        Report = self.env["sales.report"].with_user(user or self.env.user)
        self.env.cr.execute(Report._detail_query(axis, self.date_from, self.date_to, self.env.company, currency))
        return Report._detail_rows(axis, self.env.cr.fetchall())
