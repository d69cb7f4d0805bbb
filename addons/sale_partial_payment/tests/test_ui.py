from odoo.tests import HttpCase, tagged

from .common import PartialPaymentCommon


@tagged("post_install", "-at_install")
class TestPartialPaymentUi(PartialPaymentCommon, HttpCase):
    def test_manager_rejects_with_refund(self):
        partner = self.env["res.partner"].create({"name": "Tour Reject Client", "email": "tour@example.com"})
        order = self._partial_order(partner=partner)
        self._online_payment(order, 100.0)
        self.start_tour(
            "/web#action=sale_partial_payment.sale_order_action_desk",
            "sale_partial_payment_reject_tour",
            login="platform_manager",
        )
        order.invalidate_recordset()
        self.assertEqual(order.partial_payment_state, "rejected")
        self.assertEqual(order.partial_refund_amount, 100.0)
        self.assertEqual(order.sale_status, "refund")
        refund = order.transaction_ids.child_transaction_ids.filtered(lambda tx: tx.operation == "refund")
        self.assertEqual(refund.state, "done")
        self.assertEqual(refund.amount, -100.0)

    def _prepare_tour_client(self):
        """Client A pays online in the company's currency, its address complete."""
        self.env.company.portal_confirmation_sign = False
        self.client_partner.write(
            {
                "street": "Rue de la Loi 16",
                "city": "Brussels",
                "zip": "1000",
                "country_id": self.env.ref("base.be").id,
                "phone": "+32 2 123 45 67",
                # the company's currency (a country's pricelist may be in an inactive one)
                "property_product_pricelist": self.env["product.pricelist"]
                .create({"name": "Tour prices", "currency_id": self.env.company.currency_id.id})
                .id,
            }
        )

    def test_client_pays_in_two_parts_and_books_as_credits_unlock(self):
        self._prepare_tour_client()
        product = self._create_package(
            self.expert_a,
            "Tour Partial Package",
            400.0,
            session_count=4,
            session_booking_horizon_days=21,
            allow_partial_payment=True,
            partial_first_percent=25.0,
            partial_payment_count=4,
            is_published=True,
        )
        # two payments with their post-processing (invoice, reconciliation): slow on a loaded machine
        self.start_tour(
            "/shop?search=Tour Partial Package", "sale_partial_payment_client_tour", login="client_a", timeout=600
        )
        order = self.env["sale.order"].search([("order_line.product_id", "=", product.id)])
        # two parts of a quarter each (the client's pricelist is in euros)
        self.assertEqual(order.currency_id.compare_amounts(order.amount_paid, order.amount_total / 2), 0)
        line = order.order_line.filtered("is_session_package")
        self.assertEqual(line.session_unlocked, 2)
        self.assertEqual(line.session_used, 2)

    def test_client_center_pays_the_first_part_then_a_free_amount(self):
        self._prepare_tour_client()
        in_parts = self._partial_order()
        free = self._create_order(self._free_amounts_package(), confirm=False)
        (in_parts | free).action_quotation_sent()
        self.start_tour(
            "/client-center/main/orders", "sale_partial_payment_client_center_tour", login="client_a", timeout=600
        )
        (in_parts | free).invalidate_recordset()
        self.assertEqual((in_parts.state, in_parts.amount_paid), ("sale", 100.0))
        self.assertEqual((free.state, free.amount_paid), ("sale", 150.0))
        self.assertEqual(free.invoice_ids.amount_total, 150.0)

    def test_expert_takes_a_cheque_from_the_invoice_form(self):
        order = self._create_order(self.package)
        invoice = self._invoice_order(order)
        self.start_tour(
            f"/web#model=account.move&id={invoice.id}&view_type=form",
            "sale_partial_payment_invoice_tour",
            login="expert_a",
        )
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        row = self.env["sale.order.payment"].search([("order_id", "=", order.id)])
        self.assertEqual((row.kind, row.invoice_id, row.comment), ("manual", invoice, "Cheque 5521"))
