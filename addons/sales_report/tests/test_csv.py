import csv
import io
from urllib.parse import urlencode

from odoo.tests import HttpCase, tagged

from .common import SalesReportCommon


@tagged("post_install", "-at_install")
class TestSalesReportCsv(SalesReportCommon, HttpCase):
    def _csv(self, login, **params):
        self.authenticate(login, login)
        query = {
            "axis": "offer",
            "date_from": str(self.date_from),
            "date_to": str(self.date_to),
            "company_id": self.env.company.id,
            "columns": "orders,amount,refunds",
            **params,
        }
        self.env.flush_all()
        return self.url_open("/sales_report/csv?" + urlencode(query))

    def _rows(self, response):
        self.assertEqual(response.status_code, 200, response.text)
        self.assertTrue(response.content.startswith(b"\xef\xbb\xbf"), "a UTF-8 byte order mark for spreadsheets")
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    def test_header_chosen_columns_and_quoting(self):
        response = self._csv("platform_manager")
        self.assertEqual(response.headers["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn("attachment", response.headers["Content-Disposition"])
        rows = self._rows(response)
        self.assertEqual(rows[0], ["Offer", "Currency", "Orders", "Amount", "Refunds"])
        by_name = {(row[0], row[1]): row for row in rows[1:]}
        # the name with a comma and quotes comes back whole
        self.assertEqual(by_name[(self.offer.display_name, self.usd.name)][2:], ["1", "200.00", "0.00"])
        self.assertIn(b'"Coaching, ""Pro"""', response.content)
        refunded = by_name[(self.package.display_name, self.usd.name)]
        self.assertEqual(refunded[4], "50.00")
        self.assertEqual(len(rows) - 1, len(self._report("offer")))

    def test_converted_header_says_so(self):
        rows = self._rows(self._csv("platform_manager", currency_id=self.eur.id, columns="amount"))
        self.assertEqual(rows[0][2], f"Amount ({self.eur.name} at the payment date's rate)")
        self.assertEqual({row[1] for row in rows[1:]}, {self.eur.name})

    def test_streamed_in_batches(self):
        """Rows come from a server-side cursor in batches (here of 1 row)."""
        Report = self.env["sales.report"]
        params = Report._detail_parse_params(
            "offer", str(self.date_from), str(self.date_to), self.env.company.id, 0, "orders"
        )
        query = Report._detail_query("offer", self.date_from, self.date_to, self.env.company)
        chunks = list(Report._detail_csv_chunks("offer", query, params, batch_size=1))
        # BOM, header, one chunk per row
        self.assertEqual(len(chunks), 2 + len(self._report("offer")))

    def test_an_expert_downloads_its_own_sales_only(self):
        rows = self._rows(self._csv("expert_b", columns="amount"))
        self.assertEqual({row[0] for row in rows[1:]}, {self.package_b.display_name})
        rows = self._rows(self._csv("expert_b", axis="provider", columns="amount"))
        self.assertEqual([row[1] for row in rows[1:]], [self.eur.name])

    def test_bad_parameters_are_clear_errors(self):
        for params in (
            {"axis": "nowhere"},
            {"columns": "amount,password"},
            {"columns": ""},
            {"columns": "amount\x00"},
            {"date_from": "2026-13-45"},
            {"date_from": "2030-01-01"},
            {"date_to": "9999-12-31 23:00:00"},
            {"company_id": "abc"},
            {"company_id": 2**31 + 5},
            {"currency_id": 2**31 - 1},
        ):
            response = self._csv("platform_manager", **params)
            self.assertEqual(response.status_code, 400, params)

    def test_a_client_gets_no_report(self):
        response = self._csv("client_a")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(b"Coaching", response.content)
