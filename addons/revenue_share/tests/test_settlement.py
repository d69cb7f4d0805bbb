from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import RevenueShareCommon


@tagged("post_install", "-at_install")
class TestSettlement(RevenueShareCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice_a1 = cls._paid_invoice([(cls.product_a, 2, 100.0)], date="2026-03-05")
        cls.invoice_a2 = cls._paid_invoice([(cls.product_a, 1, 33.33)], date="2026-03-20")
        cls.invoice_a_unpaid = cls._invoice([(cls.product_a, 1, 50.0)], date="2026-03-21")
        cls.invoice_a_april = cls._paid_invoice([(cls.product_a, 1, 10.0)], date="2026-04-02")
        cls.invoice_b = cls._paid_invoice([(cls.product_b, 1, 80.0)], date="2026-03-07")

    def test_settle_month_per_expert_with_vendor_bill(self):
        settlements = self._settle()
        self.assertEqual(settlements.expert_id, self.expert_a | self.expert_b)
        settlement = settlements.filtered(lambda s: s.expert_id == self.expert_a)
        lines = (self.invoice_a1 | self.invoice_a2).revenue_share_line_ids
        self.assertEqual(settlement.line_ids, lines)
        self.assertRecordValues(
            settlement,
            [
                {
                    "state": "posted",
                    "line_count": 2,
                    "amount_base": 233.33,
                    "amount_expert": 186.66,
                    "amount_platform": 46.67,
                    "company_id": self.company.id,
                }
            ],
        )
        self.assertEqual(lines.mapped("state"), ["settled", "settled"])
        self.assertFalse(self.invoice_a_unpaid.revenue_share_line_ids.settlement_id, "unpaid: not settleable")
        self.assertFalse(self.invoice_a_april.revenue_share_line_ids.settlement_id, "after the period")
        bill = settlement.bill_id
        self.assertRecordValues(
            bill,
            [
                {
                    "move_type": "in_invoice",
                    "state": "posted",
                    "partner_id": self.expert_a.partner_id.id,
                    "journal_id": self.journal.id,
                    "amount_total": 186.66,
                    "revenue_share_settlement_id": settlement.id,
                    "invoice_user_id": self.expert_a.id,
                }
            ],
        )
        self.assertEqual(self.journal.type, "purchase")
        self.assertEqual(bill.invoice_line_ids.account_id, self.journal.default_account_id)
        self.assertIn("No transfer", settlement.payout_message)

    def test_a_line_is_never_settled_twice(self):
        first = self._settle()
        self.assertEqual(len(first), 2)
        self.assertFalse(self._settle(), "a second run of the same period finds nothing")
        self.invoice_a_unpaid.revenue_share_line_ids.flush_recordset()
        self._pay(self.invoice_a_unpaid)
        late = self._settle(date_from="2026-04-01", date_to="2026-04-30")
        self.assertEqual(
            late.line_ids,
            (self.invoice_a_unpaid | self.invoice_a_april).revenue_share_line_ids,
            "a March invoice paid late is settled with the next period",
        )
        line = self.invoice_a1.revenue_share_line_ids
        # the UPDATE only takes lines without settlement, even if asked directly
        self.assertFalse(
            self.env["revenue.share.settlement"]._settle_expert(self.expert_a, self.company, line.date, line.date)
        )
        self.assertEqual(line.settlement_id, first.filtered(lambda s: s.expert_id == self.expert_a))

    def test_cancel_frees_lines_and_cancels_bill(self):
        settlement = self._settle(experts=self.expert_a)
        bill = settlement.bill_id
        lines = settlement.line_ids
        settlement.action_cancel()
        self.assertEqual(settlement.state, "cancelled")
        self.assertEqual(bill.state, "cancel")
        self.assertFalse(settlement.line_ids)
        self.assertEqual(lines.mapped("state"), ["to_settle", "to_settle"])
        self.assertTrue(all(lines.mapped("is_settleable")))
        again = self._settle(experts=self.expert_a)
        self.assertEqual(again.line_ids, lines)
        with self.assertRaisesRegex(UserError, "Cancel a settlement"):
            again.unlink()
        settlement.unlink()

    def test_cancel_paid_bill_reverses_it(self):
        settlement = self._settle(experts=self.expert_b)
        self._pay(settlement.bill_id, date="2026-04-05")
        self.assertIn(settlement.bill_id.payment_state, ("paid", "in_payment"))
        settlement.action_cancel()
        refund = self.env["account.move"].search([("reversed_entry_id", "=", settlement.bill_id.id)])
        self.assertRecordValues(refund, [{"move_type": "in_refund", "state": "posted", "amount_total": 64.0}])
        self.assertEqual(settlement.state, "cancelled")

    def test_negative_settlement_gives_vendor_credit_note(self):
        self._settle(experts=self.expert_b)
        refund = self.invoice_b._reverse_moves([{"ref": "Refund", "invoice_date": "2026-04-03"}])
        refund.action_post()
        self._pay(refund, date="2026-04-04")
        settlement = self._settle(date_from="2026-04-01", date_to="2026-04-30", experts=self.expert_b)
        self.assertEqual(settlement.amount_expert, -64.0)
        self.assertRecordValues(settlement.bill_id, [{"move_type": "in_refund", "amount_total": 64.0}])

    def test_draft_settlement_then_post(self):
        settlement = self._settle(experts=self.expert_a, post=False)
        self.assertEqual(settlement.state, "draft")
        self.assertFalse(settlement.bill_id)
        settlement.action_post()
        self.assertEqual(settlement.state, "posted")
        self.assertTrue(settlement.bill_id)
        bill = settlement.bill_id
        settlement.action_post()
        self.assertEqual(settlement.bill_id, bill, "posting twice makes one bill")

    def test_wizard(self):
        wizard_form = Form(self.env["revenue.share.settle.wizard"].with_user(self.platform_manager))
        wizard_form.date_from = "2026-03-01"
        wizard_form.date_to = "2026-03-31"
        wizard_form.expert_ids.add(self.expert_b)
        wizard = wizard_form.save()
        action = wizard.action_settle()
        settlement = self.env["revenue.share.settlement"].browse(action["res_id"])
        self.assertEqual(settlement.expert_id, self.expert_b)
        self.assertEqual(settlement.bill_id.state, "posted")
        with self.assertRaisesRegex(UserError, "Nothing to settle"):
            wizard.action_settle()
        wizard.date_from = "2026-04-01"
        with self.assertRaisesRegex(UserError, "end after it starts"):
            wizard.action_settle()
        with self.assertRaises(AccessError):
            self.env["revenue.share.settle.wizard"].with_user(self.expert_a).create({})

    def test_wizard_defaults_to_previous_month(self):
        with freeze_time("2026-04-15"):
            wizard = self.env["revenue.share.settle.wizard"].create({})
        self.assertEqual(str(wizard.date_from), "2026-03-01")
        self.assertEqual(str(wizard.date_to), "2026-03-31")

    def test_monthly_cron_settles_previous_month(self):
        cron = self.env.ref("revenue_share.ir_cron_settle_previous_month")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "months"))
        self.assertEqual(cron.nextcall.day, 1)
        with freeze_time("2026-04-01 02:00:00"):
            cron.method_direct_trigger()
        settlements = self.env["revenue.share.settlement"].search([("date_to", "=", "2026-03-31")])
        self.assertEqual(settlements.expert_id, self.expert_a | self.expert_b)
        self.assertEqual(set(settlements.mapped("date_from")), {settlements[0].date_from})
        self.assertEqual(str(settlements[0].date_from), "2026-03-01")
        self.assertTrue(all(settlements.bill_id.mapped(lambda bill: bill.state == "posted")))
        with freeze_time("2026-04-01 02:00:00"):
            cron.method_direct_trigger()
        self.assertEqual(
            self.env["revenue.share.settlement"].search_count([("date_to", "=", "2026-03-31")]),
            2,
            "a second run (another worker, a retry) settles nothing twice",
        )

    def test_expert_is_notified(self):
        settlement = self._settle(experts=self.expert_a)
        message = settlement.message_ids.filtered(lambda m: m.subtype_id == self.env.ref("mail.mt_comment"))
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, self.expert_a.partner_id)
        self.assertIn(settlement.name, message.subject)
        self.assertIn("186.66", message.body)
