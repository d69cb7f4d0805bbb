from odoo.tests import tagged

from odoo.addons.sale_partial_payment.tests.common import PartialPaymentCommon


@tagged("post_install", "-at_install")
class TestPartialShare(PartialPaymentCommon):
    def test_each_part_and_its_refund_are_shared(self):
        self.env.company.revenue_share_rate = 20.0
        order = self._partial_order()
        self._online_payment(order, 100.0)
        first = order.invoice_ids
        self.assertEqual(first.revenue_share_line_ids.expert_id, self.expert_a)
        self.assertEqual(sum(first.revenue_share_line_ids.mapped("expert_amount")), 80.0)
        self._online_payment(order, 100.0)
        self._online_payment(order, 100.0)
        self._online_payment(order, 100.0)
        invoices = order.invoice_ids.filtered(lambda move: move.move_type == "out_invoice")
        self.assertEqual(len(invoices), 4)
        for invoice in invoices:
            # the final invoice: the package minus the parts already invoiced
            self.assertAlmostEqual(sum(invoice.revenue_share_line_ids.mapped("expert_amount")), 80.0)
        self.assertAlmostEqual(sum(invoices.revenue_share_line_ids.mapped("expert_amount")), 320.0)

    def test_refund_credit_note_gives_the_share_back(self):
        self.env.company.revenue_share_rate = 20.0
        order = self._partial_order()
        self._online_payment(order, 200.0)
        order.with_user(self.platform_manager)._partial_reject("Moved abroad", refund_amount=100.0)
        credit_note = order.invoice_ids.filtered(lambda move: move.move_type == "out_refund")
        self.assertEqual(credit_note.revenue_share_line_ids.expert_id, self.expert_a)
        self.assertAlmostEqual(sum(credit_note.revenue_share_line_ids.mapped("expert_amount")), -80.0)
