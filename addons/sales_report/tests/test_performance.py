from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import SalesReportCommon


@tagged("post_install", "-at_install")
class TestSalesReportQueries(SalesReportCommon):
    """The detailed report and the analysis read in a number of queries that
    does not grow with the payments."""

    def _queries(self):
        # the payments added below are today's (with the demo's)
        today = fields.Date.context_today(self.env["sales.report.detail"].with_user(self.platform_manager))
        detail = (
            self.env["sales.report.detail"]
            .with_user(self.platform_manager)
            .create({"date_from": today - timedelta(days=1), "date_to": today + timedelta(days=1)})
        )
        # warm up: the first refresh creates the rows, the second replaces them
        detail.action_refresh()
        detail.action_refresh()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        detail.action_refresh()
        refresh = self.cr.sql_log_count - before
        Report = self.env["sales.report"].with_user(self.platform_manager)
        args = ([], ["amount:sum", "money_credited:sum"], ["provider_id", "currency_id"])
        Report.read_group(*args, lazy=False)  # warm up
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        Report.read_group(*args, lazy=False)
        pivot = self.cr.sql_log_count - before
        return refresh, pivot, len(detail.line_ids)

    def test_detailed_report_constant(self):
        small_refresh, small_pivot, small_lines = self._queries()
        for index in range(4):
            categ = self.env["product.category"].create({"name": f"Category {index}"})
            product = self._create_package(self.expert_a, f"Offer {index}", 100.0 + index, categ_id=categ.id)
            self._plan(product)
            order = self._paid_order(product)
            order._sale_check("user", self.sales_user)
        large_refresh, large_pivot, large_lines = self._queries()
        self.assertGreater(large_lines, small_lines)
        self.assertEqual(large_refresh, small_refresh, "the detailed report: queries grow with the payments")
        self.assertEqual(large_pivot, small_pivot, "the analysis: queries grow with the payments")
