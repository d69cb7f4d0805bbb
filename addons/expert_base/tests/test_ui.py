from odoo import Command
from odoo.tests import tagged

from odoo.addons.payment.tests.http_common import PaymentHttpCommon

from .common import OnlinePaymentMixin


@tagged("post_install", "-at_install")
class TestExpertUi(OnlinePaymentMixin, PaymentHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_online_payments()

    def test_outstanding_credit_tour(self):
        """The expert guide's flow, as the demo expert olivia: the invoice was
        sent, then her client paid the order online; she adds the outstanding
        credit and the invoice is paid."""
        product = self.env.ref("expert_base.product_olivia_consultation").product_variant_id
        partner = self.env["res.partner"].create({"name": "Nora Outstanding", "email": "nora@example.com"})
        order = self.env["sale.order"].create(
            {"partner_id": partner.id, "order_line": [Command.create({"product_id": product.id})]}
        )
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        invoice.is_move_sent = True
        # the client then pays the order online: the payment is an outstanding credit
        self._paid_online(order)
        self.assertEqual(invoice.payment_state, "not_paid")
        self.start_tour(
            "/web#action=account.action_move_out_invoice_type", "expert_base_outstanding_credit_tour", login="olivia"
        )
        self.assertEqual(invoice.payment_state, "paid")
