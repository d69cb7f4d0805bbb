from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import RevenueShareCommon


@tagged("post_install", "-at_install")
class TestRevenueShareLine(RevenueShareCommon):
    def test_posting_shares_expert_lines_only(self):
        invoice = self._invoice(
            [(self.product_a, 2, 100.0), (self.product_b, 1, 80.0), (self.platform_product, 1, 10.0)]
        )
        lines = invoice.revenue_share_line_ids
        self.assertEqual(len(lines), 2, "the platform's own product is not shared")
        line_a = lines.filtered(lambda line: line.expert_id == self.expert_a)
        self.assertRecordValues(
            line_a,
            [
                {
                    "move_id": invoice.id,
                    "product_id": self.product_a.id,
                    "partner_id": self.client_partner.id,
                    "base_amount": 200.0,
                    "expert_amount": 160.0,
                    "platform_amount": 40.0,
                    "rate": 20.0,
                    "state": "to_settle",
                    "is_settleable": False,
                }
            ],
        )
        self.assertEqual(line_a.move_line_id.product_id, self.product_a)
        self.assertEqual(str(line_a.date), "2026-03-10")
        self.assertEqual(lines.filtered(lambda line: line.expert_id == self.expert_b).expert_amount, 64.0)

    def test_untaxed_amount_in_company_currency(self):
        tax = self.env["account.tax"].create({"name": "VAT 21", "amount": 21.0, "type_tax_use": "sale"})
        other = self.env.ref("base.EUR") if self.currency != self.env.ref("base.EUR") else self.env.ref("base.USD")
        other.active = True
        self.env["res.currency.rate"].create({"name": "2026-01-01", "rate": 2.0, "currency_id": other.id})
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.client_partner.id,
                "invoice_date": "2026-03-10",
                "currency_id": other.id,
                "invoice_line_ids": [
                    (0, 0, {"product_id": self.product_a.id, "quantity": 1, "price_unit": 100.0, "tax_ids": [tax.id]})
                ],
            }
        )
        invoice.action_post()
        line = invoice.revenue_share_line_ids
        self.assertEqual(line.currency_id, self.currency)
        self.assertRecordValues(line, [{"base_amount": 50.0, "expert_amount": 40.0, "platform_amount": 10.0}])

    def test_split_never_loses_a_cent(self):
        for price, expert, platform in (
            (0.01, 0.01, 0.0),
            (33.33, 26.66, 6.67),
            (0.05, 0.04, 0.01),
            (99.99, 79.99, 20.0),
        ):
            with self.subTest(price=price):
                line = self._invoice([(self.product_a, 1, price)]).revenue_share_line_ids
                self.assertAlmostEqual(line.expert_amount, expert, places=6)
                self.assertAlmostEqual(line.platform_amount, platform, places=6)
                self.assertTrue(self.currency.is_zero(line.expert_amount + line.platform_amount - line.base_amount))

    def test_split_three_decimals_currency(self):
        kwd = self.env.ref("base.KWD")
        self.assertEqual(kwd.decimal_places, 3)
        Line = self.env["revenue.share.line"]
        for base, rate, expert, platform in (
            (33.333, 20.0, 26.666, 6.667),
            (0.001, 20.0, 0.001, 0.0),
            (-33.333, 20.0, -26.666, -6.667),
            (10.0, 33.33, 6.667, 3.333),
        ):
            with self.subTest(base=base, rate=rate):
                expert_amount, platform_amount = Line._split_amount(base, rate, kwd)
                self.assertEqual((expert_amount, platform_amount), (expert, platform))
                self.assertEqual(kwd.round(expert_amount + platform_amount), base)

    def test_credit_note_gives_negative_lines(self):
        invoice = self._invoice([(self.product_a, 1, 33.33)])
        refund = invoice._reverse_moves([{"ref": "Refund"}], cancel=True)
        self.assertEqual(refund.state, "posted")
        line = refund.revenue_share_line_ids
        self.assertRecordValues(
            line,
            [{"base_amount": -33.33, "expert_amount": -26.66, "platform_amount": -6.67, "expert_id": self.expert_a.id}],
        )
        self.assertEqual(line.move_type, "out_refund")
        # the credit note paid the invoice: both are settleable and net to zero
        self.assertEqual(invoice.payment_state, "reversed")
        lines = invoice.revenue_share_line_ids | line
        self.assertEqual(lines.mapped("is_settleable"), [True, True])
        self.assertEqual(sum(lines.mapped("expert_amount")), 0.0)

    def test_rates_company_expert_product_and_frozen(self):
        self.company.revenue_share_rate = 25.0
        self.assertEqual(self._invoice([(self.product_a, 1, 100.0)]).revenue_share_line_ids.rate, 25.0)
        self.expert_a.write({"revenue_share_custom_rate": True, "revenue_share_rate": 10.0})
        line_expert = self._invoice([(self.product_a, 1, 100.0)]).revenue_share_line_ids
        self.assertRecordValues(line_expert, [{"rate": 10.0, "expert_amount": 90.0, "platform_amount": 10.0}])
        self.product_a.product_tmpl_id.write({"revenue_share_custom_rate": True, "revenue_share_rate": 0.0})
        line_product = self._invoice([(self.product_a, 1, 100.0)]).revenue_share_line_ids
        self.assertRecordValues(line_product, [{"rate": 0.0, "expert_amount": 100.0, "platform_amount": 0.0}])
        # later rate changes never touch existing lines
        self.company.revenue_share_rate = 50.0
        self.expert_a.revenue_share_rate = 50.0
        self.assertEqual(line_expert.rate, 10.0)
        self.assertEqual(line_expert.expert_amount, 90.0)

    def test_rate_settings_and_validation(self):
        with Form(self.env["res.config.settings"]) as settings:
            settings.revenue_share_rate = 30.0
            settings.revenue_share_settle_on = "posted"
        self.assertEqual(self.company.revenue_share_rate, 30.0)
        self.assertEqual(self.company.revenue_share_settle_on, "posted")
        with self.assertRaises(ValidationError):
            self.company.revenue_share_rate = 120.0
        with self.assertRaises(ValidationError):
            self.expert_a.revenue_share_rate = -1.0
        with self.assertRaises(ValidationError):
            self.product_a.product_tmpl_id.revenue_share_rate = 100.5

    def test_settleable_when_paid_by_default(self):
        invoice = self._invoice([(self.product_a, 1, 100.0)])
        line = invoice.revenue_share_line_ids
        self.assertEqual(line.invoice_payment_state, "not_paid")
        self.assertFalse(line.is_settleable)
        payment = self._pay(invoice)
        self.assertEqual(line.invoice_payment_state, "paid")
        self.assertTrue(line.is_settleable)
        # the payment is undone: not settleable any more
        (payment.move_id.line_ids | invoice.line_ids).filtered("reconciled").remove_move_reconcile()
        self.assertEqual(line.invoice_payment_state, "not_paid")
        self.assertFalse(line.is_settleable)

    def test_settleable_when_posted_setting(self):
        line = self._invoice([(self.product_a, 1, 100.0)]).revenue_share_line_ids
        self.assertFalse(line.is_settleable)
        self.company.revenue_share_settle_on = "posted"
        self.assertTrue(line.is_settleable, "changing the setting applies to the lines to settle")
        self.assertTrue(self._invoice([(self.product_a, 1, 50.0)]).revenue_share_line_ids.is_settleable)

    def test_reset_to_draft_cancels_then_repost_shares_again(self):
        invoice = self._invoice([(self.product_a, 1, 100.0)])
        first = invoice.revenue_share_line_ids
        invoice.button_draft()
        self.assertEqual(first.state, "cancelled")
        self.assertFalse(first.is_settleable)
        invoice.invoice_line_ids.price_unit = 150.0
        invoice.action_post()
        second = invoice.revenue_share_line_ids - first
        self.assertRecordValues(second, [{"state": "to_settle", "base_amount": 150.0, "expert_amount": 120.0}])
        invoice.button_cancel()
        self.assertEqual(second.state, "cancelled")

    def test_one_active_line_per_invoice_line(self):
        invoice = self._invoice([(self.product_a, 1, 100.0)])
        invoice._revenue_share_create_lines()
        self.assertEqual(len(invoice.revenue_share_line_ids), 1, "re-running the hook shares nothing twice")
        line = invoice.revenue_share_line_ids
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            line.copy()

    def test_settled_invoice_cannot_be_reset(self):
        invoice = self._paid_invoice([(self.product_a, 1, 100.0)])
        settlement = self._settle()
        self.assertEqual(invoice.revenue_share_line_ids.settlement_id, settlement)
        with self.assertRaisesRegex(UserError, "already settled"):
            invoice.button_draft()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.revenue_share_line_ids.state, "settled")

    def test_split_is_enforced_by_the_database(self):
        line = self._invoice([(self.product_a, 1, 100.0)]).revenue_share_line_ids
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            line.write({"expert_amount": 79.99})
            line.flush_recordset()
        with self.assertRaisesRegex(UserError, "settlements only"):
            line.write({"settlement_id": False})
