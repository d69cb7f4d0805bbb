from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRevenueShareDemo(TransactionCase):
    def test_demo_settled_month_and_lines_to_settle(self):
        olivia = self.env.ref("expert_base.user_expert_olivia_demo")
        daniel = self.env.ref("expert_base.user_expert_daniel_demo")
        Settlement = self.env["revenue.share.settlement"]
        settled = Settlement.search([("expert_id", "in", (olivia | daniel).ids), ("state", "=", "posted")])
        self.assertEqual(settled.expert_id, olivia | daniel)
        self.assertEqual(len(set(settled.mapped("date_to"))), 1, "one settled month")
        for settlement in settled:
            self.assertEqual(settlement.bill_id.state, "posted")
            self.assertEqual(settlement.bill_id.journal_id, self.env.company.revenue_share_journal_id)
            self.assertEqual(settlement.bill_id.amount_total, settlement.amount_expert)
        lines = self.env["revenue.share.line"].search([("expert_id", "in", (olivia | daniel).ids)])
        to_settle = lines.filtered(lambda line: line.state == "to_settle")
        self.assertEqual(to_settle.expert_id, olivia | daniel)
        self.assertTrue(any(to_settle.mapped("is_settleable")))
        self.assertFalse(all(to_settle.mapped("is_settleable")), "an unpaid invoice waits")
        for line in lines:
            self.assertEqual(line.expert_amount + line.platform_amount, line.base_amount)
        self.assertIn(30.0, lines.mapped("rate"), "Daniel's career plan has its own rate")
