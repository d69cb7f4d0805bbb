from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.payment.tests.common import PaymentCommon

from .common import ExpertPlatformCommon, OnlinePaymentMixin


@tagged("post_install", "-at_install")
class TestAutomaticInvoice(ExpertPlatformCommon, OnlinePaymentMixin, PaymentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_online_payments()

    def setUp(self):
        self.enable_reconcile_after_done_patcher = False
        super().setUp()

    def test_setting_enabled_by_module(self):
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("sale.automatic_invoice"), "True")
        template_id = int(params.get_param("sale.default_invoice_email_template"))
        self.assertEqual(template_id, self.env.ref("account.email_template_edi_invoice").id)

    def test_paid_online_order_is_invoiced_posted_and_reconciled(self):
        order = self._create_order(self.product_a, quantity=2, confirm=False)
        tx = self._create_transaction(
            flow="redirect",
            amount=order.amount_total,
            currency_id=order.currency_id.id,
            partner_id=order.partner_id.id,
            sale_order_ids=[Command.set(order.ids)],
            state="done",
        )
        with mute_logger("odoo.addons.sale.models.payment_transaction"):
            tx._reconcile_after_done()
        self.assertEqual(order.state, "sale")
        invoice = order.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.amount_total, 200.0)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertTrue(tx.payment_id)
        self.assertTrue(invoice.is_move_sent)

    def test_online_invoice_carries_the_order_reference(self):
        """The expert guide's invoice list shows the order (S00123) as the
        invoice's Reference: experts find paid online invoices by it."""
        order = self._create_order(self.product_a, confirm=False)
        order.website_id = self.env["website"].search([], limit=1)
        tx = self._done_transaction(order)
        with mute_logger("odoo.addons.sale.models.payment_transaction"):
            tx._reconcile_after_done()
        self.assertEqual(order.invoice_ids.ref, order.name)
        self.assertEqual(order.invoice_ids.invoice_origin, order.name)

    def test_backend_order_invoice_keeps_the_customer_reference(self):
        order = self._create_order(self.product_a)
        self.assertFalse(self._invoice_order(order).ref, "not an online order: Odoo's reference")
        other = self._create_order(self.product_a, confirm=False)
        other.write({"website_id": self.env["website"].search([], limit=1).id, "client_order_ref": "PO-7"})
        other.action_confirm()
        self.assertEqual(self._invoice_order(other).ref, "PO-7")
