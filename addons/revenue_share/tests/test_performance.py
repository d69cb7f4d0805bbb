from odoo import Command
from odoo.tests import tagged

from .common import RevenueShareCommon

# budgets measured on Odoo 17.0 with this suite installed; they must not grow with the data
POST_SHARE_QUERIES = 12
SETTLE_QUERIES = 143


@tagged("post_install", "-at_install")
class TestRevenueSharePerformance(RevenueShareCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.products = cls.env["product.product"].create(
            [
                {
                    "name": f"Expert product {index}",
                    "expert_id": (cls.expert_a if index % 2 else cls.expert_b).id,
                    "type": "service",
                    "list_price": 10.0 + index,
                    "taxes_id": [Command.clear()],
                }
                for index in range(50)
            ]
        )

    def _posted_invoice_without_shares(self, size):
        invoice = self._invoice([(product, 1, product.list_price) for product in self.products[:size]])
        invoice.revenue_share_line_ids.unlink()
        self.env.flush_all()
        self.env.invalidate_all()
        return invoice

    def test_share_lines_of_a_50_lines_invoice_in_constant_queries(self):
        small = self._posted_invoice_without_shares(5)
        big = self._posted_invoice_without_shares(50)
        with self.assertQueryCount(POST_SHARE_QUERIES):
            small._revenue_share_create_lines()
            self.env.flush_all()
        self.assertEqual(len(small.revenue_share_line_ids), 5)
        self.env.invalidate_all()
        with self.assertQueryCount(POST_SHARE_QUERIES):
            big._revenue_share_create_lines()
            self.env.flush_all()
        self.assertEqual(len(big.revenue_share_line_ids), 50)
        self.assertEqual(len(big.revenue_share_line_ids.expert_id), 2)

    def _insert_lines(self, expert, count, invoice):
        """``count`` settleable share lines of ``expert`` on ``invoice``, in one INSERT."""
        self.env.cr.execute(
            """
            INSERT INTO revenue_share_line (move_id, expert_id, partner_id, product_id, company_id, currency_id,
                   date, rate, base_amount, expert_amount, platform_amount, state, invoice_payment_state,
                   is_settleable, create_uid, write_uid, create_date, write_date)
            SELECT %(move)s, %(expert)s, %(partner)s, %(product)s, %(company)s, %(currency)s, %(date)s, 20,
                   10.01, 8.01, 2.00, 'to_settle', 'paid', TRUE, 1, 1, now(), now()
              FROM generate_series(1, %(count)s)
            """,
            {
                "move": invoice.id,
                "expert": expert.id,
                "partner": self.client_partner.id,
                "product": self.product_a.id,
                "company": self.company.id,
                "currency": self.currency.id,
                "date": "2026-03-15",
                "count": count,
            },
        )

    def test_settling_10000_lines_in_bounded_queries(self):
        invoice = self._paid_invoice([(self.product_a, 1, 1.0)])
        invoice.revenue_share_line_ids.unlink()
        third = self.env["res.users"].create(
            {"name": "Expert C", "login": "expert_c", "groups_id": [Command.set(self.expert_a.groups_id.ids)]}
        )
        self._insert_lines(self.expert_b, 10, invoice)
        self._insert_lines(third, 3, invoice)
        self._insert_lines(self.expert_a, 10000, invoice)
        Settlement = self.env["revenue.share.settlement"]
        # warm up (sequence, journal, caches)
        Settlement._settle_period("2026-03-01", "2026-03-31", experts=third)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(SETTLE_QUERIES):
            small = Settlement._settle_period("2026-03-01", "2026-03-31", experts=self.expert_b)
            self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(SETTLE_QUERIES):
            big = Settlement._settle_period("2026-03-01", "2026-03-31", experts=self.expert_a)
            self.env.flush_all()
        self.assertEqual(small.line_count, 10)
        self.assertRecordValues(
            big,
            [{"line_count": 10000, "amount_base": 100100.0, "amount_expert": 80100.0, "amount_platform": 20000.0}],
        )
        self.assertEqual(big.bill_id.amount_total, 80100.0)
        self.assertEqual(
            self.env["revenue.share.line"].search_count([("settlement_id", "=", big.id), ("state", "=", "settled")]),
            10000,
        )

    def test_payment_updates_shares_in_constant_queries(self):
        """Paying an invoice makes its share lines settleable in a batch: the
        same number of queries for 5 lines as for 50."""
        self._paid_invoice([(self.products[0], 1, 1.0)])  # warm up payments and sequences
        invoices = [
            self._invoice([(product, 1, product.list_price) for product in self.products[:size]]) for size in (5, 50)
        ]
        counts = []
        for invoice in invoices:
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            self._pay(invoice)
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - start)
            self.assertTrue(all(invoice.revenue_share_line_ids.mapped("is_settleable")))
        self.assertEqual(counts[0], counts[1], counts)
