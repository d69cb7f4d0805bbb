from odoo import Command
from odoo.tests import tagged

from .common import RevenueShareCommon


@tagged("post_install", "-at_install")
class TestSharesFollowMoneyKept(RevenueShareCommon):
    """Credit notes are netted with the invoice they give back; write-offs
    reduce the shares; manual invoices of an expert are shared."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.write_off_account = cls.env["account.account"].search(
            [("company_id", "=", cls.company.id), ("account_type", "=", "expense")], limit=1
        )

    def _pay_with_write_off(self, invoice, amount, date="2026-03-12"):
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "payment_date": date,
                    "amount": amount,
                    "payment_difference_handling": "reconcile",
                    "writeoff_account_id": self.write_off_account.id,
                    "writeoff_label": "Goodwill",
                }
            )
            ._create_payments()
        )

    def _active_shares(self, invoice):
        return invoice.revenue_share_line_ids.filtered(lambda line: line.state != "cancelled")

    def test_open_credit_note_is_settled_with_its_paid_invoice(self):
        """The issue's case: the client paid, the fee was given back with a
        credit note the client keeps as a credit (not reconciled): the next
        settlement pays the expert nothing for it."""
        invoice = self._paid_invoice([(self.product_a, 1, 15.0)], date="2026-03-05")
        refund = invoice._reverse_moves([{"ref": "Waived", "invoice_date": "2026-03-06"}])
        refund.action_post()
        self.assertEqual(refund.payment_state, "not_paid", "the client keeps a credit")
        self.assertTrue(refund.revenue_share_line_ids.is_settleable, "its invoice is paid")
        settlement = self._settle(experts=self.expert_a)
        self.assertEqual(settlement.line_ids, invoice.revenue_share_line_ids | refund.revenue_share_line_ids)
        self.assertEqual(settlement.amount_expert, 0.0)
        self.assertFalse(settlement.bill_id, "nothing to pay")

    def test_credit_note_after_the_period_is_netted(self):
        """March is settled in April, after the March invoice was refunded on
        April 2: the credit note comes along, whatever its date."""
        invoice = self._paid_invoice([(self.product_a, 2, 50.0)], date="2026-03-20")
        refund = invoice._reverse_moves([{"ref": "Refund", "invoice_date": "2026-04-02"}])
        refund.invoice_line_ids.quantity = 1
        refund.action_post()
        settlement = self._settle(date_from="2026-03-01", date_to="2026-03-31", experts=self.expert_a)
        self.assertRecordValues(settlement, [{"line_count": 2, "amount_base": 50.0, "amount_expert": 40.0}])

    def test_credit_note_of_an_unpaid_invoice_waits_for_it(self):
        invoice = self._invoice([(self.product_a, 1, 100.0)])
        refund = invoice._reverse_moves([{"ref": "Partial", "invoice_date": "2026-03-11"}])
        refund.invoice_line_ids.price_unit = 30.0
        refund.action_post()  # Odoo reconciles a credit note with the invoice it reverses
        self.assertEqual(invoice.payment_state, "partial")
        self.assertFalse(refund.revenue_share_line_ids.is_settleable, "no negative settlement for unpaid revenue")
        self.assertFalse(self._settle(experts=self.expert_a))
        self._pay(invoice)
        settlement = self._settle(experts=self.expert_a)
        self.assertEqual(settlement.amount_expert, 56.0, "80 % of the 70 kept")

    def test_write_off_reduces_the_shares_and_undoing_it_restores_them(self):
        invoice = self._invoice([(self.product_a, 1, 100.0), (self.product_b, 1, 50.0)])
        payment = self._pay_with_write_off(invoice, 135.0)  # 10 % written off
        self.assertEqual(invoice.payment_state, "paid")
        write_offs = invoice.revenue_share_line_ids.filtered("is_write_off")
        self.assertRecordValues(
            write_offs.sorted("expert_id"),
            [
                {"expert_id": self.expert_a.id, "base_amount": -10.0, "expert_amount": -8.0, "platform_amount": -2.0},
                {"expert_id": self.expert_b.id, "base_amount": -5.0, "expert_amount": -4.0, "platform_amount": -1.0},
            ],
        )
        self.assertTrue(all(write_offs.mapped("is_settleable")))
        settlement = self._settle(experts=self.expert_a)
        self.assertEqual(settlement.amount_expert, 72.0, "80 % of the 90 kept")
        # the payment is taken off the invoice: the write-off no longer holds
        (payment.move_id.line_ids | invoice.line_ids).filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).remove_move_reconcile()
        shares = self._active_shares(invoice).filtered(lambda line: line.expert_id == self.expert_a)
        self.assertEqual(sum(shares.mapped("base_amount")), 100.0)
        self.assertEqual(sum(shares.mapped("expert_amount")), 80.0)
        self.assertEqual(len(shares.filtered("is_write_off")), 2, "the settled correction stays, a new one undoes it")

    def test_write_off_splits_like_an_invoice_of_the_kept_amount(self):
        invoice = self._invoice([(self.product_a, 1, 33.33)])
        self._pay_with_write_off(invoice, 30.0)
        shares = self._active_shares(invoice)
        self.assertEqual(round(sum(shares.mapped("base_amount")), 2), 30.0)
        self.assertEqual(round(sum(shares.mapped("expert_amount")), 2), 24.0)
        self.assertEqual(round(sum(shares.mapped("platform_amount")), 2), 6.0)

    def test_manual_invoice_of_an_expert_is_shared(self):
        """An extra service without product, or a platform product, on an
        invoice whose salesperson is an expert: shared with that expert."""
        # the client is Expert A's (experts invoice only clients they may see)
        self.client_partner._link_client_experts(self.expert_a)
        invoice = (
            self.env["account.move"]
            .with_user(self.expert_a)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.client_partner.id,
                    "invoice_date": "2026-03-10",
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Extra session notes", "quantity": 1, "price_unit": 40.0, "tax_ids": []}
                        ),
                        Command.create({"product_id": self.platform_product.id, "price_unit": 10.0, "tax_ids": []}),
                    ],
                }
            )
        )
        self.assertEqual(invoice.invoice_user_id, self.expert_a)
        invoice.action_post()
        self.assertEqual(
            sorted((line.expert_id.name, line.base_amount) for line in invoice.sudo().revenue_share_line_ids),
            [("Expert A", 10.0), ("Expert A", 40.0)],
        )

    def test_product_expert_wins_over_the_salesperson(self):
        invoice = self._invoice([(self.product_b, 1, 80.0), (self.platform_product, 1, 10.0)], post=False)
        invoice.invoice_user_id = self.expert_a
        invoice.action_post()
        self.assertEqual(
            sorted((line.expert_id.name, line.base_amount) for line in invoice.revenue_share_line_ids),
            [("Expert A", 10.0), ("Expert B", 80.0)],
        )

    def test_manual_invoice_of_the_platform_is_not_shared(self):
        invoice = self._invoice([(self.platform_product, 1, 10.0)])
        self.assertEqual(invoice.invoice_user_id, self.env.user)
        self.assertFalse(invoice.revenue_share_line_ids)
        invoice.button_draft()
        invoice.invoice_user_id = self.platform_manager
        invoice.action_post()
        self.assertFalse(invoice.revenue_share_line_ids, "a platform manager is no expert salesperson")
