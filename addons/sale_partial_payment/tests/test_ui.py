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
