from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.payment.tests.common import PaymentCommon

from .common import ExpertPlatformCommon


@tagged("post_install", "-at_install")
class TestAutomaticInvoice(ExpertPlatformCommon, PaymentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Give the test provider a bank journal and a payment method, as
        # account_payment's own test common does, so payments can be created.
        PaymentMethod = cls.env.registry["account.payment.method"]
        original = PaymentMethod._get_payment_method_information

        def _get_payment_method_information(self):
            return dict(original(self), none={"mode": "electronic", "domain": [("type", "=", "bank")]})

        with patch.object(PaymentMethod, "_get_payment_method_information", _get_payment_method_information):
            cls.env["account.payment.method"].sudo().create(
                {"name": "Dummy method", "code": "none", "payment_type": "inbound"}
            )
            cls.dummy_provider.journal_id = cls.env["account.journal"].search(
                [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1
            )

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
