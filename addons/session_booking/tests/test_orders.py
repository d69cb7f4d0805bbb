"""The expert's orders as the expert guide lists them (issue 14.9): every
order (no default filter hides the ones made in the backend), searched by
product category and by invoice number."""

from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import SessionBookingCommon


@tagged("post_install", "-at_install")
class TestExpertOrders(SessionBookingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.category = cls.env["product.category"].create({"name": "Couples Therapy"})
        cls.package.categ_id = cls.category
        cls.line = cls._paid_package_line()
        cls.order = cls.line.order_id
        cls.invoice = cls.order.invoice_ids
        cls.backend_quotation = cls._create_order(cls.product_a, confirm=False)
        cls.other = cls._create_order(cls.package_b)

    def _action(self):
        return (
            self.env["ir.actions.act_window"].with_user(self.expert_a)._for_xml_id("session_booking.sale_order_action")
        )

    def _search_field(self, label):
        action = self._action()
        search_view = action["search_view_id"][0]
        self.assertEqual(search_view, self.env.ref("sale.view_sales_order_filter").id)
        views = self.env["sale.order"].with_user(self.expert_a).get_views([(search_view, "search")])
        arch = etree.fromstring(views["views"]["search"]["arch"])
        (node,) = arch.xpath(f"//field[@string='{label}']")
        return node.get("filter_domain")

    def _search(self, label, value):
        domain = safe_eval(self._search_field(label), {"self": value})
        return self.env["sale.order"].with_user(self.expert_a).search(domain)

    def test_no_default_filter_hides_orders(self):
        action = self._action()
        context = safe_eval(action.get("context") or "{}")
        self.assertFalse([key for key in context if key.startswith("search_default_")])
        self.assertFalse(safe_eval(action.get("domain") or "[]"))
        orders = self.env["sale.order"].with_user(self.expert_a).search(safe_eval(action.get("domain") or "[]"))
        self.assertIn(self.order, orders)
        self.assertIn(self.backend_quotation, orders, "an order made in the backend is listed")
        self.assertNotIn(self.other, orders)
        menu = self.env.ref("session_booking.sale_order_menu")
        self.assertEqual(menu.parent_id, self.env.ref("expert_base.menu_root"))

    def test_search_by_product_category(self):
        self.assertEqual(self._search("Product Category", "Couples"), self.order)
        self.assertFalse(self._search("Product Category", "Nothing like it"))

    def test_search_by_invoice_number(self):
        self.assertTrue(self.invoice.name)
        self.assertEqual(self._search("Invoice Number", self.invoice.name), self.order)
        self.assertFalse(self._search("Invoice Number", "INV/1999/"))
