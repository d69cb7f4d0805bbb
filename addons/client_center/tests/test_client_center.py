from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import ClientCenterCommon


class TestClientCenter(ClientCenterCommon):
    def test_default_center(self):
        self.assertEqual(self.center.slug, "main")
        self.assertEqual(self.center.website_url, "/client-center/main")
        self.assertFalse(self.center.allow_sale_order_creation)
        keys = [panel["key"] for panel in self.center._get_sorted_panels()]
        self.assertEqual(keys, ["home", "payments", "orders", "invoices", "sessions"])

    def test_panel_toggles(self):
        self.center.write({"show_payments": False, "allow_sale_order_creation": True})
        keys = [panel["key"] for panel in self.center._get_sorted_panels()]
        self.assertEqual(keys, ["home", "orders", "new_order", "invoices", "sessions"])
        for panel in self.center._get_panels():
            self.assertEqual(set(panel), {"key", "name", "url", "icon", "sequence"})

    def test_slug_is_validated_and_unique(self):
        with self.assertRaises(ValidationError):
            self.env["client.center"].create({"name": "Bad", "slug": "Not A Slug"})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["client.center"].create({"name": "Twin", "slug": "main"})

    def test_home_counters(self):
        self._create_order(self.product_a)  # confirmed, not a package: not open
        quotation = self._create_order(self.product_a, confirm=False)
        quotation.action_quotation_sent()
        invoice = self._invoice_order(self._create_order(self.product_b))
        counters = self.center._get_home_counters(self.client_partner)
        self.assertEqual(counters["payments"]["value"], invoice.amount_residual)
        self.assertEqual(counters["orders"]["value"], 1)
        self.assertEqual(counters["sessions"]["value"], 0)
        self.assertEqual(set(counters["orders"]), {"name", "value", "url"})
