from odoo.tests import tagged

from odoo.addons.sale_partial_payment.tests.test_performance import ORDER_LIST_SPEC

from .common import AttributionCommon

# All orders with this module's columns (the Sales Manager in red or green,
# the Check button)
ATTRIBUTION_LIST_SPEC = {
    **ORDER_LIST_SPEC,
    "sale_confirmed": {},
    "sale_checkable": {},
    "sale_attribution_label": {},
}


@tagged("post_install", "-at_install")
class TestAttributionQueries(AttributionCommon):
    """All orders with the Sales Manager column and the Check button reads
    in a number of queries that does not grow with the orders."""

    def _queries(self):
        orders = self.env["sale.order"].with_user(self.platform_manager)
        orders.web_search_read([("state", "!=", "draft")], ATTRIBUTION_LIST_SPEC, limit=80)  # warm up
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        result = orders.web_search_read([("state", "!=", "draft")], ATTRIBUTION_LIST_SPEC, limit=80)
        return self.cr.sql_log_count - before, result["length"]

    def _add_sales(self, count):
        for index in range(count):
            user = self.sales_user if index % 2 else self.sales_user_2
            self._plan(self.package, user=user)
            order = self._paid_order(self.package)
            if index % 3 == 0:
                order.with_user(self.checker)._sale_check("user", user)

    def test_all_orders_constant(self):
        self._add_sales(2)
        small, small_length = self._queries()
        self._add_sales(12)
        large, large_length = self._queries()
        self.assertGreater(large_length, small_length)
        self.assertEqual(large, small, "All orders with the Sales Manager column: queries grow with the orders")
        self.assertLessEqual(large, 22)
