from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.payment.tests.http_common import PaymentHttpCommon

from .common import ExpertPlatformCommon, OnlinePaymentMixin


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
        product = self.env.ref("expert_base.product_olivia_consultation_demo").product_variant_id
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


@tagged("post_install", "-at_install")
class TestExpertTours(ExpertPlatformCommon, HttpCase):
    def test_product_change_request_tour(self):
        """The expert asks for a new price on its product's form, in Chromium."""
        product = self.product_a.product_tmpl_id
        self.env.ref("expert_base.mail_activity_type_product_change").default_user_id = self.platform_manager
        self.start_tour(
            f"/web#model=product.template&id={product.id}&view_type=form",
            "expert_base_product_change_request",
            login="expert_a",
        )
        activity = product.activity_ids
        self.assertEqual(activity.user_id, self.platform_manager)
        self.assertIn("120", str(activity.note))
        self.assertIn("I now give six sessions.", str(activity.note))
        self.assertEqual(product.list_price, 100.0)
