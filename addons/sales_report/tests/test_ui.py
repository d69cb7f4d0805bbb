from unittest.mock import patch

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import SalesReportCommon


@tagged("post_install", "-at_install")
class TestSalesReportUi(SalesReportCommon, HttpCase):
    def test_detailed_report_and_csv_download(self):
        # the dialog opens on this year: the payments are today's
        self._date_payments(fields.Datetime.now())
        self.provider_2.name = "Tour Provider"
        Report = type(self.env["sales.report"])
        original = Report._detail_csv_chunks
        downloads = []

        def chunks(report, axis, query, params, batch_size=2000):
            downloads.append((axis, params["columns"]))
            yield from original(report, axis, query, params, batch_size=batch_size)

        with patch.object(Report, "_detail_csv_chunks", chunks):
            self.start_tour(
                "/web#action=sales_report.sales_report_detail_action_open",
                "sales_report_csv_tour",
                login="platform_manager",
            )
        self.assertEqual(downloads[:1], [("offer", list(self.env["sales.report.column"].search([]).mapped("code")))])
