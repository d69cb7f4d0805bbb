from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import ExpertPlatformCommon, RpcMixin


@tagged("post_install", "-at_install")
class TestExpertSellsOwnProductsAtPlatformPrices(RpcMixin, ExpertPlatformCommon, HttpCase):
    """Issue 13.2, over RPC as the expert who tried it: an expert never
    creates, confirms or writes a line of another expert's product, and never
    sets a price or a discount (the platform's pricelist does)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # an order holding both experts' products, made by the platform
        cls.mixed = cls.env["sale.order"].create(
            {
                "partner_id": cls.client_partner.id,
                "user_id": cls.expert_a.id,
                "order_line": [
                    Command.create({"product_id": cls.product_a.id}),
                    Command.create({"product_id": cls.product_b.id}),
                ],
            }
        )
        cls.line_a, cls.line_b = cls.mixed.order_line

    def _order_values(self, product, **line):
        return {
            "partner_id": self.client_partner.id,
            "order_line": [Command.create({"product_id": product.id, **line})],
        }

    def _orders(self):
        return self.env["sale.order"].search_count([])

    def test_expert_cannot_sell_another_experts_product(self):
        before = self._orders()
        with self.assertRaisesRegex(AccessError, "another expert"):
            self.rpc("expert_a", "sale.order", "create", self._order_values(self.product_b, price_unit=0))
        with self.assertRaisesRegex(AccessError, "another expert"):
            self.rpc(
                "expert_a",
                "sale.order.line",
                "create",
                {"order_id": self.mixed.id, "product_id": self.product_b.id, "product_uom_qty": 5},
            )
        self.assertEqual(self._orders(), before)
        self.assertEqual(len(self.mixed.order_line), 2)

    def test_expert_cannot_write_or_delete_another_experts_line(self):
        for values in ({"product_uom_qty": 1}, {"price_unit": 0.0}, {"name": "mine"}):
            with self.subTest(values=values), self.assertRaisesRegex(AccessError, "another expert"):
                self.rpc("expert_a", "sale.order.line", "write", self.line_b.ids, values)
        with self.assertRaisesRegex(AccessError, "another expert"):
            self.rpc(
                "expert_a", "sale.order", "write", self.mixed.ids, {"order_line": [Command.unlink(self.line_b.id)]}
            )
        self.assertEqual((self.line_b.price_unit, self.line_b.product_uom_qty), (80.0, 1.0))

    def test_expert_cannot_confirm_an_order_with_another_experts_product(self):
        with self.assertRaisesRegex(AccessError, "another expert"):
            self.rpc("expert_a", "sale.order", "action_confirm", self.mixed.ids)
        self.assertEqual(self.mixed.state, "draft")

    def test_expert_cannot_set_price_or_discount(self):
        before = self._orders()
        for line in ({"price_unit": 0.0}, {"price_unit": 150.0}, {"discount": 50.0}):
            with self.subTest(line=line), self.assertRaisesRegex(AccessError, "platform sets the prices"):
                self.rpc("expert_a", "sale.order", "create", self._order_values(self.product_a, **line))
        self.assertEqual(self._orders(), before)
        for values in ({"price_unit": 1.0}, {"discount": 100.0}):
            with self.subTest(values=values), self.assertRaisesRegex(AccessError, "platform sets the prices"):
                self.rpc("expert_a", "sale.order.line", "write", self.line_a.ids, values)
        self.assertEqual((self.line_a.price_unit, self.line_a.discount), (100.0, 0.0))

    def test_expert_cannot_pick_a_pricelist(self):
        cheap = self.env["product.pricelist"].create({"name": "Friends and family"})
        with self.assertRaisesRegex(AccessError, "pricelist"):
            self.rpc("expert_a", "sale.order", "write", self.mixed.ids, {"pricelist_id": cheap.id})
        self.assertNotEqual(self.mixed.pricelist_id, cheap)

    def test_expert_sells_own_product_at_the_platform_price(self):
        """What the web client sends (the price the pricelist computed) passes."""
        order_id = self.rpc(
            "expert_a", "sale.order", "create", self._order_values(self.product_a, price_unit=100.0, discount=0.0)
        )
        order = self.env["sale.order"].browse(order_id)
        self.assertEqual(order.order_line.price_unit, 100.0)
        self.rpc("expert_a", "sale.order.line", "write", order.order_line.ids, {"product_uom_qty": 2})
        self.assertEqual(order.amount_untaxed, 200.0)
        self.rpc("expert_a", "sale.order", "action_confirm", order.ids)
        self.assertEqual(order.state, "sale")

    def test_platform_manager_may_grant_a_discount(self):
        self.rpc("platform_manager", "sale.order.line", "write", self.line_b.ids, {"discount": 10.0})
        self.assertEqual(self.line_b.discount, 10.0)
        self.rpc("platform_manager", "sale.order", "action_confirm", self.mixed.ids)
        self.assertEqual(self.mixed.state, "sale")
