from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RevenueShareCommon


@tagged("post_install", "-at_install")
class TestRevenueShareAccess(RevenueShareCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice_a = cls._paid_invoice([(cls.product_a, 1, 100.0)])
        cls.invoice_b = cls._paid_invoice([(cls.product_b, 1, 80.0)])
        cls.settlements = cls.env["revenue.share.settlement"]._settle_period("2026-03-01", "2026-03-31")
        cls.settlement_a = cls.settlements.filtered(lambda s: s.expert_id == cls.expert_a)
        cls.settlement_b = cls.settlements.filtered(lambda s: s.expert_id == cls.expert_b)
        cls.line_a = cls.invoice_a.revenue_share_line_ids
        cls.line_b = cls.invoice_b.revenue_share_line_ids

    def test_expert_sees_only_own_lines_and_settlements(self):
        Line = self.env["revenue.share.line"].with_user(self.expert_a)
        Settlement = self.env["revenue.share.settlement"].with_user(self.expert_a)
        self.assertEqual(Line.search([]), self.line_a)
        self.assertEqual(Settlement.search([]), self.settlement_a)
        groups = Line._read_group([], ["expert_id"], ["expert_amount:sum"])
        self.assertEqual(groups, [(self.expert_a.with_user(self.expert_a), 80.0)])
        with self.assertRaises(AccessError):
            self.line_b.with_user(self.expert_a).read(["expert_amount"])
        with self.assertRaises(AccessError):
            self.settlement_b.with_user(self.expert_a).read(["amount_expert"])
        # the own settlement, its lines and its bill are readable
        settlement = self.settlement_a.with_user(self.expert_a)
        self.assertEqual(settlement.line_ids, self.line_a)
        self.assertEqual(settlement.bill_id.with_user(self.expert_a).amount_total, 80.0)

    def test_expert_cannot_change_shares(self):
        with self.assertRaises(AccessError):
            self.line_a.with_user(self.expert_a).write({"rate": 0.0})
        with self.assertRaises(AccessError):
            self.line_a.with_user(self.expert_a).unlink()
        with self.assertRaises(AccessError):
            self.settlement_a.with_user(self.expert_a).action_cancel()
        with self.assertRaises(AccessError):
            self.env["revenue.share.settlement"].with_user(self.expert_a).create(
                {"expert_id": self.expert_a.id, "date_from": "2026-03-01", "date_to": "2026-03-31"}
            )
        with self.assertRaises(AccessError):
            self.env["revenue.share.settlement"].with_user(self.expert_a)._settle_period("2026-04-01", "2026-04-30")
        # own rate and payout account are the platform's business
        with self.assertRaises(AccessError):
            self.expert_a.with_user(self.expert_a).write({"revenue_share_rate": 0.0})
        with self.assertRaises(AccessError):
            self.product_a.product_tmpl_id.with_user(self.expert_a).write({"revenue_share_rate": 0.0})

    def test_expert_totals_on_user(self):
        self._paid_invoice([(self.product_a, 1, 50.0)], date="2026-04-02")
        self.assertEqual(self.expert_a.revenue_share_to_settle, 40.0)
        self.assertEqual(self.expert_a.revenue_share_settled, 80.0)
        self.assertEqual(self.expert_a.revenue_share_settlement_count, 1)
        action = self.expert_a.action_view_revenue_share_lines()
        self.assertEqual(self.env["revenue.share.line"].search(action["domain"]).expert_id, self.expert_a)

    def test_manager_sees_everything(self):
        Line = self.env["revenue.share.line"].with_user(self.platform_manager)
        self.assertEqual(Line.search([("id", "in", (self.line_a | self.line_b).ids)]), self.line_a | self.line_b)
        Settlement = self.env["revenue.share.settlement"].with_user(self.platform_manager)
        self.assertEqual(Settlement.search([("id", "in", self.settlements.ids)]), self.settlements)
        Settlement.browse(self.settlement_b.id).action_cancel()
        self.assertEqual(self.settlement_b.state, "cancelled")

    def test_client_has_no_access(self):
        with self.assertRaises(AccessError):
            self.env["revenue.share.line"].with_user(self.client_user).search([])
        with self.assertRaises(AccessError):
            self.env["revenue.share.settlement"].with_user(self.client_user).search([])

    def test_expert_posting_an_invoice_creates_shares(self):
        """An expert may invoice (Billing group); the share lines are created
        whatever the expert may read of rates."""
        self.product_a.product_tmpl_id.write({"revenue_share_custom_rate": True, "revenue_share_rate": 15.0})
        invoice = self._invoice([(self.product_a, 1, 100.0)], post=False)
        invoice.invoice_user_id = self.expert_a
        invoice.with_user(self.expert_a).action_post()
        self.assertRecordValues(invoice.revenue_share_line_ids, [{"rate": 15.0, "expert_amount": 85.0}])
