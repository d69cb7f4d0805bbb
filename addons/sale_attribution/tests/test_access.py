from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.expert_base.tests.common import RpcMixin

from .common import AttributionCommon


@tagged("post_install", "-at_install")
class TestAttributionAccess(RpcMixin, AttributionCommon, HttpCase):
    """Who may check a sale or write an attribution, over RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._paid_order(cls.package)

    def test_only_the_permission_checks(self):
        for login in ("expert_a", "expert_b", "sales_sam", "client_a"):
            with self.assertRaises(AccessError):
                self.rpc(login, "sale.order", "action_sale_check", [self.order.id])
            with self.assertRaises(AccessError):
                self.rpc(
                    login,
                    "sale.attribution.check",
                    "create",
                    {"order_ids": [(6, 0, [self.order.id])], "attribution": "system"},
                )
        self.assertFalse(self.order.sale_confirmed)
        action = self.rpc("sale_checker", "sale.order", "action_sale_check", [self.order.id])
        self.assertEqual(action["res_model"], "sale.attribution.check")
        wizard_id = self.rpc(
            "sale_checker",
            "sale.attribution.check",
            "create",
            {"order_ids": [(6, 0, [self.order.id])], "attribution": "user", "user_id": self.sales_user.id},
        )
        self.rpc("sale_checker", "sale.attribution.check", "action_confirm", [wizard_id])
        self.assertTrue(self.order.sale_confirmed)
        self.assertEqual(self.order.sale_confirmed_by_id, self.checker)

    def test_a_platform_manager_checks(self):
        self.rpc("platform_manager", "sale.order", "action_sale_check", [self.order.id])

    def test_nobody_writes_the_attribution(self):
        for login in ("platform_manager", "expert_a", "sale_checker"):
            for vals in (
                {"sale_confirmed": True},
                {"sales_manager_id": self.sales_user.id},
                {"sale_attribution": "user"},
            ):
                with self.assertRaises(AccessError):
                    self.rpc(login, "sale.order", "write", [self.order.id], vals)
        self.assertFalse(self.order.sale_confirmed)
        self.assertEqual(self.order.sale_attribution, "system")

    def test_plans_per_role(self):
        plan = self._plan(self.package, user=self.sales_user)
        self.assertEqual(self.rpc("sales_zoe", "sale.plan", "search_read", [], ["id"]), [])
        with self.assertRaises(AccessError):
            self.rpc("sales_zoe", "sale.plan", "write", [plan.id], {"note": "mine now"})
        with self.assertRaises(AccessError):
            self.rpc("client_a", "sale.plan", "search_read", [], ["id"])
        rows = self.rpc("sales_sam", "sale.plan", "search_read", [], ["id"])
        self.assertEqual([row["id"] for row in rows], [plan.id])
        with self.assertRaises(UserError):
            self.rpc("sales_sam", "sale.plan", "write", [plan.id], {"order_id": self.order.id})
        rows = self.rpc("sale_checker", "sale.plan", "search_read", [("id", "=", plan.id)], ["id"])
        self.assertEqual(len(rows), 1)

    def test_foreign_and_oversized_ids(self):
        for order_id in (2**31 - 1, 2**31 + 5):
            with self.assertRaises(Exception) as caught:
                self.rpc("sale_checker", "sale.order", "action_sale_check", [order_id])
            self.assertNotIn("RpcServerError", type(caught.exception).__name__)
