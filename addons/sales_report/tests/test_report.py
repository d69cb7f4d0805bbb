from collections import defaultdict
from datetime import date, datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SalesReportCommon


@tagged("post_install", "-at_install")
class TestSalesReport(SalesReportCommon):
    def _books(self, key):
        """What the books say, per (key(order, transaction), currency): the
        posted payments and refunds of the orders (account.payment), their
        provider fees."""
        books = defaultdict(lambda: defaultdict(float))
        payments = self.env["account.payment"].search(
            [("payment_transaction_id", "!=", False), ("state", "=", "posted")]
        )
        for payment in payments:
            tx = payment.payment_transaction_id
            source = tx.source_transaction_id or tx
            order = source.sale_order_ids & self.orders
            if not order:
                continue
            row = books[(key(order, tx), payment.currency_id)]
            if payment.payment_type == "outbound":
                self.assertEqual(tx.operation, "refund")
                row["refunds"] += payment.amount
                continue
            row["payments"] += 1
            row["amount"] += payment.amount
            row["provider_fee"] += tx.provider_fee
            row[("order", order.id)] = 1
        for row in books.values():
            row["orders"] = sum(1 for name in row if isinstance(name, tuple))
            row["money_credited"] = row["amount"] - row["provider_fee"]
            row["net"] = row["money_credited"] - row["refunds"]
        return books

    def _assert_axis(self, axis, key, label):
        rows = self._report(axis)
        books = self._books(key)
        expected = {(label(k), currency): values for (k, currency), values in books.items() if k}
        self.assertEqual(len(rows), len(expected), rows)
        for row in rows:
            values = expected[(row["name"], row["currency"])]
            for measure in ("orders", "payments", "amount", "provider_fee", "money_credited", "refunds", "net"):
                self.assertAlmostEqual(row[measure], values[measure], places=2, msg=f"{axis} {row['name']} {measure}")
            self.assertAlmostEqual(row["average"], values["amount"] / values["orders"], places=2)

    def test_by_provider_and_currency_agrees_with_the_books(self):
        self._assert_axis("provider", lambda order, tx: tx.provider_id, lambda provider: provider.display_name)
        names = {(row["name"], row["currency"].name) for row in self._report("provider")}
        self.assertEqual(
            names,
            {
                (self.provider.display_name, self.usd.name),
                (self.provider_2.display_name, self.eur.name),
                (self.provider_2.display_name, self.usd.name),
            },
        )

    def test_by_offer_agrees_with_the_books(self):
        self._assert_axis("offer", lambda order, tx: order.offer_product_id, lambda product: product.display_name)

    def test_by_category_agrees_with_the_books(self):
        self._assert_axis("category", lambda order, tx: order.offer_category_id, lambda categ: categ.display_name)
        coaching = [row for row in self._report("category") if row["name"] == self.categ.display_name]
        # never added across currencies: one row in USD, one in EUR
        self.assertEqual(sorted(row["currency"].name for row in coaching), sorted([self.usd.name, self.eur.name]))

    def test_by_sales_manager_counts_checked_sales_only(self):
        self._assert_axis(
            "manager",
            lambda order, tx: order.sale_confirmed and order.sale_attribution == "user" and order.sales_manager_id,
            lambda user: user.display_name,
        )
        rows = self._report("manager")
        self.assertEqual([row["name"] for row in rows], [self.sales_user.name])
        self.order_eur._sale_check("user", self.sales_user_2)
        self.assertEqual(len(self._report("manager")), 2)

    def test_converted_to_one_currency_at_the_payment_date(self):
        rows = self._report("provider", currency=self.eur)
        self.assertEqual({row["currency"] for row in rows}, {self.eur})
        expected = 0.0
        for tx in self.orders.transaction_ids.filtered(lambda tx: tx.state == "done" and tx.operation != "refund"):
            expected += tx.currency_id._convert(tx.amount, self.eur, self.env.company, tx.create_date.date())
        self.assertAlmostEqual(sum(row["amount"] for row in rows), expected, places=2)

    def test_bad_parameters(self):
        Report = self.env["sales.report"]
        with self.assertRaises(UserError):
            Report._detail_query("nowhere", self.today, self.today, self.env.company)
        with self.assertRaises(UserError):
            Report._detail_query("offer", self.today, self.today.replace(year=2000), self.env.company)
        other = self.env["res.company"].create({"name": "Not Mine"})
        with self.assertRaises(UserError):
            Report.with_user(self.platform_manager)._detail_query("offer", self.date_from, self.date_to, other)

    def test_detail_dialog_lists_every_axis(self):
        detail = self.env["sales.report.detail"].create({"date_from": self.date_from, "date_to": self.date_to})
        detail.action_refresh()
        self.assertEqual(set(detail.line_ids.mapped("axis")), {"provider", "offer", "category", "manager"})
        self.assertEqual(len(detail.provider_line_ids), 3)
        action = detail.with_context(sales_report_axis="offer").action_download_csv()
        self.assertTrue(action["url"].startswith("/sales_report/csv?axis=offer&"))

    def test_the_period_is_in_the_readers_time_zone(self):
        Report = self.env["sales.report"]
        day = date(2026, 12, 1)
        # New York (UTC-5 in December): a payment at 02:00 UTC on the 2nd is on the 1st there
        self.assertEqual(
            Report.with_user(self.expert_b)._detail_bounds(day, day),
            (datetime(2026, 12, 1, 5, 0), datetime(2026, 12, 2, 5, 0)),
        )
        # Brussels (UTC+1)
        self.assertEqual(
            Report.with_user(self.expert_a)._detail_bounds(day, day),
            (datetime(2026, 11, 30, 23, 0), datetime(2026, 12, 1, 23, 0)),
        )
        detail = self.env["sales.report.detail"].with_user(self.expert_b).create({})
        self.assertIn("America/New_York", detail.currency_note)
