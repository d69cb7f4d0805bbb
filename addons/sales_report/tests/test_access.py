from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.expert_base.tests.common import RpcMixin

from .common import SalesReportCommon


@tagged("post_install", "-at_install")
class TestSalesReportAccess(RpcMixin, SalesReportCommon, HttpCase):
    def test_experts_see_their_own_sales(self):
        rows = self.rpc("expert_b", "sales.report", "search_read", [], ["order_id"])
        self.assertEqual({row["order_id"][0] for row in rows}, {self.order_eur.id})
        groups = self.rpc("expert_a", "sales.report", "read_group", [], ["amount:sum"], ["product_id"], lazy=False)
        self.assertNotIn(self.package_b.id, [group["product_id"][0] for group in groups])
        detail = self.rpc("expert_b", "sales.report.detail", "action_open")
        # the fixtures' payments are on a day of their own: show that day
        period = {"date_from": str(self.date_from), "date_to": str(self.date_to)}
        self.rpc("expert_b", "sales.report.detail", "write", [detail["res_id"]], period)
        self.rpc("expert_b", "sales.report.detail", "action_refresh", [detail["res_id"]])
        lines = self.rpc(
            "expert_b", "sales.report.detail.line", "search_read", [("detail_id", "=", detail["res_id"])], ["name"]
        )
        self.assertEqual(
            {line["name"] for line in lines if line["name"] != "System"},
            {
                self.package_b.display_name,
                self.categ.display_name,
                self.provider_2.display_name,
            },
        )

    def test_a_client_reads_nothing(self):
        for model in ("sales.report", "sales.report.detail"):
            with self.assertRaises(AccessError):
                self.rpc("client_a", model, "search_read", [], ["id"])

    def test_nobody_writes_the_report(self):
        rows = self.rpc("platform_manager", "sales.report", "search_read", [], ["id"], limit=1)
        with self.assertRaises(AccessError):
            self.rpc("platform_manager", "sales.report", "write", [rows[0]["id"]], {"amount": 1})

    def test_another_users_report_is_not_readable(self):
        detail = self.rpc("expert_a", "sales.report.detail", "action_open")
        rows = self.rpc("expert_b", "sales.report.detail", "search_read", [("id", "=", detail["res_id"])], ["id"])
        self.assertEqual(rows, [])
