from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ExpertPlatformCommon


@tagged("post_install", "-at_install")
class TestExpertAccess(ExpertPlatformCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order_a = cls._create_order(cls.product_a)
        cls.order_b = cls._create_order(cls.product_b)
        cls.invoice_a = cls._invoice_order(cls.order_a)
        cls.invoice_b = cls._invoice_order(cls.order_b)
        cls.platform_product = cls.env["product.product"].create({"name": "Platform fee", "type": "service"})

    def test_expert_reads_own_order_and_invoice(self):
        order = self.order_a.with_user(self.expert_a)
        self.assertEqual(order.read(["name"])[0]["name"], self.order_a.name)
        self.assertEqual(order.order_line.product_id, self.product_a)
        invoice = self.invoice_a.with_user(self.expert_a)
        self.assertEqual(invoice.read(["amount_total"])[0]["amount_total"], 100.0)
        self.assertTrue(invoice.invoice_line_ids.read(["price_subtotal"]))

    def test_expert_cannot_read_other_experts_order(self):
        with self.assertRaises(AccessError):
            self.order_b.with_user(self.expert_a).read(["name"])
        with self.assertRaises(AccessError):
            self.order_b.order_line.with_user(self.expert_a).read(["name"])
        with self.assertRaises(AccessError):
            self.order_b.with_user(self.expert_a).write({"note": "mine now"})
        orders = self.env["sale.order"].with_user(self.expert_a).search([])
        self.assertIn(self.order_a, orders)
        self.assertNotIn(self.order_b, orders)

    def test_expert_cannot_read_other_experts_order_without_salesperson(self):
        """The Salesman group opens orders without salesperson: not to experts."""
        self.order_b.user_id = False
        with self.assertRaises(AccessError):
            self.order_b.with_user(self.expert_a).read(["name"])

    def test_expert_cannot_read_other_experts_invoice(self):
        with self.assertRaises(AccessError):
            self.invoice_b.with_user(self.expert_a).read(["name"])
        with self.assertRaises(AccessError):
            self.invoice_b.line_ids.with_user(self.expert_a).read(["balance"])
        invoices = self.env["account.move"].with_user(self.expert_a).search([("move_type", "=", "out_invoice")])
        self.assertIn(self.invoice_a, invoices)
        self.assertNotIn(self.invoice_b, invoices)

    def test_expert_reports_only_own_sales(self):
        self.env.flush_all()
        report = self.env["sale.report"].with_user(self.expert_a)
        self.assertEqual(set(report.search([]).mapped("order_reference")), {self.order_a})
        invoice_report = self.env["account.invoice.report"].with_user(self.expert_a)
        self.assertEqual(set(invoice_report.search([]).mapped("move_id")), {self.invoice_a})

    def test_expert_products(self):
        products = self.env["product.template"].with_user(self.expert_a).search([])
        self.assertIn(self.product_a.product_tmpl_id, products)
        self.assertIn(self.platform_product.product_tmpl_id, products)
        self.assertNotIn(self.product_b.product_tmpl_id, products)
        with self.assertRaises(AccessError):
            self.product_b.product_tmpl_id.with_user(self.expert_a).read(["name"])
        with self.assertRaises(AccessError):
            self.product_b.with_user(self.expert_a).read(["name"])
        with self.assertRaises(AccessError):
            self.platform_product.with_user(self.expert_a).write({"list_price": 1.0})
        with self.assertRaises(AccessError):
            self.product_a.with_user(self.expert_a).write({"expert_id": self.expert_b.id})

    def test_expert_asks_the_platform_for_a_product(self):
        """Issue 13.11 reversed this test's former expectation (an expert
        created and priced its products): products are the platform's, the
        expert asks for one (test_expert_rights)."""
        with self.assertRaises(AccessError):
            self.env["product.template"].with_user(self.expert_a).create(
                {"name": "New programme", "type": "service", "list_price": 10}
            )
        product = (
            self.env["product.template"]
            .with_user(self.platform_manager)
            .create({"name": "New programme", "type": "service", "list_price": 10, "expert_id": self.expert_a.id})
        )
        self.assertEqual(product.with_user(self.expert_a).read(["list_price"])[0]["list_price"], 10)
        with self.assertRaises(AccessError):
            product.with_user(self.expert_a).write({"list_price": 20})

    def test_manager_reads_everything(self):
        orders = self.env["sale.order"].with_user(self.platform_manager).search([])
        self.assertIn(self.order_a, orders)
        self.assertIn(self.order_b, orders)
        invoices = (self.invoice_a + self.invoice_b).with_user(self.platform_manager)
        self.assertEqual(len(invoices.read(["name"])), 2)
        self.product_b.with_user(self.platform_manager).write({"expert_id": self.expert_a.id})
        self.assertEqual(self.product_b.expert_id, self.expert_a)

    def test_client_sees_only_own_orders(self):
        other = self.env["res.partner"].create({"name": "Other client"})
        foreign = self._create_order(self.product_a, partner=other)
        orders = self.env["sale.order"].with_user(self.client_user).search([])
        self.assertEqual(orders, self.order_a + self.order_b)
        with self.assertRaises(AccessError):
            foreign.with_user(self.client_user).read(["name"])
