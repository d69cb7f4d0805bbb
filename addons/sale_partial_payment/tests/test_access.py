from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.expert_base.tests.common import RpcMixin

from .common import PartialPaymentCommon


@tagged("post_install", "-at_install")
class TestPartialPaymentAccess(RpcMixin, PartialPaymentCommon, HttpCase):
    """Who may do what, over the web client's RPC entry point."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._partial_order()
        cls._online_payment(cls.order, 100.0)
        cls.order_b = cls._create_order(cls.package_b)

    def test_expert_reads_only_its_own_orders_payments(self):
        rows = self.rpc("expert_a", "sale.order.payment", "search_read", [], ["order_id"])
        self.assertEqual({row["order_id"][0] for row in rows}, {self.order.id})
        rows = self.rpc("expert_b", "sale.order.payment", "search_read", [("order_id", "=", self.order.id)], ["id"])
        self.assertEqual(rows, [])

    def test_client_reads_no_payment_list(self):
        with self.assertRaises(AccessError):
            self.rpc("client_a", "sale.order.payment", "search_read", [], ["id"])

    def test_only_a_manager_confirms_or_rejects(self):
        for login in ("expert_a", "expert_b", "client_a"):
            with self.assertRaises(AccessError):
                self.rpc(login, "sale.order", "action_partial_confirm", [self.order.id])
            with self.assertRaises(AccessError):
                self.rpc(login, "sale.order", "action_partial_reject", [self.order.id])
        action = self.rpc("platform_manager", "sale.order", "action_partial_reject", [self.order.id])
        self.assertEqual(action["res_model"], "sale.partial.payment.decision")
        self.assertEqual(self.order.partial_payment_state, "open")

    def test_nobody_writes_the_partial_state(self):
        for login in ("platform_manager", "expert_a"):
            with self.assertRaises(AccessError):
                self.rpc(login, "sale.order", "write", [self.order.id], {"partial_payment_state": "confirmed"})
        self.assertEqual(self.order.partial_payment_state, "open")

    def test_staff_take_payments_only_on_orders_they_read(self):
        with self.assertRaises(AccessError):
            self.rpc("expert_b", "sale.order", "action_partial_take_payment", [self.order.id])
        with self.assertRaises(AccessError):
            self.rpc("client_a", "sale.order", "action_partial_take_payment", [self.order.id])
        action = self.rpc("expert_a", "sale.order", "action_partial_take_payment", [self.order.id])
        self.assertEqual(action["res_model"], "sale.partial.payment.take")

    def test_foreign_and_oversized_ids(self):
        for order_id in (2**31 - 1, 2**31 + 5):
            with self.assertRaises(Exception) as caught:
                self.rpc("platform_manager", "sale.order", "action_partial_confirm", [order_id])
            self.assertNotIn("RpcServerError", type(caught.exception).__name__)
