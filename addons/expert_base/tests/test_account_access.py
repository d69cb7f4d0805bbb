from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.payment.tests.common import PaymentCommon

from .common import ExpertPlatformCommon, OnlinePaymentMixin

REFUSED = UserError  # AccessError is a UserError


class ExpertAccountingCommon(ExpertPlatformCommon, OnlinePaymentMixin, PaymentCommon):
    """Expert A's client bought A's product and pays online; expert B's
    client bought B's product. Both invoices are posted, not paid."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_online_payments()
        cls.client_b = cls.env["res.partner"].create({"name": "Client of B", "email": "b.client@example.com"})
        cls.order_a = cls._create_order(cls.product_a)
        cls.order_b = cls._create_order(cls.product_b, partner=cls.client_b)
        cls.invoice_a = cls._invoice_order(cls.order_a)
        cls.invoice_b = cls._invoice_order(cls.order_b)
        cls.bank_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1
        )

    def _register_payment(self, invoices, user=None, **values):
        Register = self.env["account.payment.register"]
        if user:
            Register = Register.with_user(user)
        wizard = Register.with_context(active_model="account.move", active_ids=invoices.ids).create(
            {"payment_date": "2026-03-12", **values}
        )
        return wizard._create_payments()

    def _receivable(self, moves):
        return moves.line_ids.filtered(lambda line: line.account_id.account_type == "asset_receivable")

    def _snapshot(self):
        """What an expert must never change, as stored in the database."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT (SELECT COUNT(*) FROM account_move), (SELECT COUNT(*) FROM account_payment),
                   (SELECT COUNT(*) FROM account_partial_reconcile),
                   (SELECT string_agg(id || state || payment_state || COALESCE(ref, ''), ',' ORDER BY id)
                      FROM account_move),
                   (SELECT string_agg(id || ':' || balance || ':' || amount_residual || ':' || account_id, ','
                                      ORDER BY id) FROM account_move_line)
            """
        )
        return self.env.cr.fetchone()


@tagged("post_install", "-at_install")
class TestExpertAccounting(ExpertAccountingCommon):
    def test_expert_sees_the_payments_of_its_clients_invoices(self):
        payment_a = self._register_payment(self.invoice_a)
        payment_b = self._register_payment(self.invoice_b)
        Payment = self.env["account.payment"].with_user(self.expert_a)
        self.assertEqual(Payment.search([("id", "in", (payment_a | payment_b).ids)]), payment_a)
        self.assertEqual(payment_a.with_user(self.expert_a).read(["amount"])[0]["amount"], 100.0)
        self.assertEqual(payment_a.with_user(self.expert_a).reconciled_invoice_ids, self.invoice_a)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            payment_b.with_user(self.expert_a).read(["amount"])
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            payment_b.move_id.with_user(self.expert_a).read(["name"])
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            payment_b.move_id.line_ids.with_user(self.expert_a).read(["balance"])

    def test_expert_sees_the_online_payment_of_its_order(self):
        online = self._paid_online(self.order_a)
        self.assertEqual(self.env["account.payment"].with_user(self.expert_a).search([]), online)
        self.assertFalse(self.env["account.payment"].with_user(self.expert_b).search([]))

    def test_expert_registers_a_payment_on_its_invoice(self):
        payment = self._register_payment(self.invoice_a, user=self.expert_a, journal_id=self.bank_journal.id)
        self.assertEqual(payment.env.user, self.expert_a)
        self.assertEqual(payment.create_uid, self.expert_a)
        self.assertEqual(payment.state, "posted")
        self.assertEqual(self.invoice_a.payment_state, "paid")
        self.assertEqual(self.env["account.payment"].with_user(self.expert_a).search([]), payment)

    def test_expert_cannot_pay_another_experts_invoice(self):
        before = self._snapshot()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self._register_payment(self.invoice_b, user=self.expert_a)
        # nor by handing the wizard the other invoice's journal items
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.env["account.payment.register"].with_user(self.expert_a).with_context(
                active_model="account.move", active_ids=self.invoice_a.ids
            ).create({"line_ids": [Command.set(self._receivable(self.invoice_b).ids)]})._create_payments()
        self.assertEqual(self._snapshot(), before)
        self.assertEqual(self.invoice_b.payment_state, "not_paid")

    def test_expert_new_payment_then_add_it_on_the_invoice(self):
        Payment = self.env["account.payment"].with_user(self.expert_a)
        payment = Payment.create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.client_partner.id,
                "amount": 100.0,
                "journal_id": self.bank_journal.id,
                "ref": "Cheque 0042",
            }
        )
        self.assertEqual(payment.state, "draft")
        payment.write({"amount": 100.0, "ref": "Cheque 0042 (bank)"})
        payment.action_post()
        self.assertEqual(payment.state, "posted")
        invoice = self.invoice_a.with_user(self.expert_a)
        credits = invoice.invoice_outstanding_credits_debits_widget["content"]
        line = self._receivable(payment.move_id)
        self.assertEqual([credit["id"] for credit in credits], line.ids)
        invoice.js_assign_outstanding_line(line.id)
        self.assertEqual(self.invoice_a.payment_state, "paid")

    def test_expert_adds_the_online_payment_of_its_order(self):
        online = self._paid_online(self.order_a)
        invoice = self.invoice_a.with_user(self.expert_a)
        line = self._receivable(online.move_id)
        self.assertEqual(
            [credit["id"] for credit in invoice.invoice_outstanding_credits_debits_widget["content"]], line.ids
        )
        invoice.js_assign_outstanding_line(line.id)
        self.assertEqual(self.invoice_a.payment_state, "paid")

    def test_expert_cannot_add_a_credit_it_does_not_own(self):
        """A payment of the same client for another expert's order is not an
        outstanding credit the expert may apply, nor may it apply its credit
        on another expert's invoice."""
        order = self._create_order(self.product_b)  # A's client also buys from B
        online_b = self._paid_online(order)
        invoice = self.invoice_a.with_user(self.expert_a)
        self.assertFalse(invoice.invoice_outstanding_credits_debits_widget)
        before = self._snapshot()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            invoice.js_assign_outstanding_line(self._receivable(online_b.move_id).id)
        online_a = self._paid_online(self.order_a)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.invoice_b.with_user(self.expert_a).js_assign_outstanding_line(self._receivable(online_a.move_id).id)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.invoice_b.with_user(self.expert_b).js_assign_outstanding_line(self._receivable(online_a.move_id).id)
        self.assertEqual(self._snapshot()[2], before[2], "no reconciliation made")

    def test_expert_reconciles_only_its_own_sales(self):
        online_a = self._paid_online(self.order_a)
        lines = self._receivable(self.invoice_a | online_a.move_id)
        before = self._snapshot()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            lines.with_user(self.expert_a).reconcile()
        self.assertEqual(self._snapshot(), before)
        self.invoice_a.js_assign_outstanding_line(self._receivable(online_a.move_id).id)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            lines.with_user(self.expert_a).remove_move_reconcile()
        partial = lines.matched_credit_ids
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            partial.with_user(self.expert_a).unlink()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.invoice_b.with_user(self.expert_a).js_remove_outstanding_partial(partial.id)
        # its own credit note with its own invoice: allowed, as in Odoo
        invoice = self._invoice_order(self._create_order(self.product_a))
        refund = invoice.with_user(self.expert_a)._reverse_moves([{"ref": "Goodwill"}], cancel=True)
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertEqual(refund.state, "posted")

    def test_expert_writes_no_journal_entry(self):
        Move = self.env["account.move"].with_user(self.expert_a)
        before = self._snapshot()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Move.create(
                {
                    "move_type": "entry",
                    "invoice_user_id": self.expert_a.id,
                    "line_ids": [
                        Command.create({"account_id": self._receivable(self.invoice_a).account_id.id, "debit": 10}),
                        Command.create({"account_id": self.bank_journal.default_account_id.id, "credit": 10}),
                    ],
                }
            )
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Move.create({"move_type": "out_invoice", "partner_id": self.client_partner.id, "state": "posted"})
        invoice = self.invoice_a.with_user(self.expert_a)
        for vals in ({"ref": "changed"}, {"invoice_date": "2026-01-01"}, {"state": "draft"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError), self.env.cr.savepoint():
                invoice.write(vals)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            invoice.button_draft()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            invoice.button_cancel()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            invoice.invoice_line_ids.write({"price_unit": 1.0})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            invoice.write({"invoice_line_ids": [Command.create({"name": "More", "price_unit": 5.0})]})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.invoice_b.with_user(self.expert_a).write({"narration": "mine"})
        self.assertEqual(self._snapshot(), before)
        # sending the posted invoice and its words to the client are its business
        invoice.write({"is_move_sent": True, "payment_reference": "S00123", "narration": "<p>Thank you</p>"})
        self.assertFalse(invoice.show_reset_to_draft_button)
        self.assertTrue(self.invoice_a.show_reset_to_draft_button, "the platform may")

    def test_expert_payments_stay_plain_customer_payments(self):
        Payment = self.env["account.payment"].with_user(self.expert_a)
        values = {
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": self.client_partner.id,
            "amount": 50.0,
            "journal_id": self.bank_journal.id,
        }
        income = self.env["account.account"].search(
            [("company_id", "=", self.company.id), ("account_type", "=", "income")], limit=1
        )
        before = self._snapshot()
        for wrong in (
            {"partner_type": "supplier"},
            {"is_internal_transfer": True},
            {"destination_account_id": income.id},
            {"write_off_line_vals": [{"account_id": income.id, "balance": 5.0, "amount_currency": 5.0}]},
            {"state": "posted"},
        ):
            with self.subTest(wrong=wrong), self.assertRaises(REFUSED), self.env.cr.savepoint():
                Payment.create({**values, **wrong})
        self.assertEqual(self._snapshot()[:3], before[:3])
        payment = Payment.create(values)
        with self.assertRaises(REFUSED), self.env.cr.savepoint():
            payment.write({"destination_account_id": income.id})
        with self.assertRaises(REFUSED), self.env.cr.savepoint():
            payment.move_id.write({"ref": "mine"})
        payment.action_post()
        for call in (
            lambda: payment.write({"amount": 1.0}),
            payment.action_draft,
            payment.action_cancel,
            payment.unlink,
            lambda: payment.move_id.line_ids.write({"name": "x"}),
        ):
            with self.subTest(call=call), self.assertRaises(REFUSED), self.env.cr.savepoint():
                call()
        # another expert's (or the platform's) draft payment is not its to change
        other = self.env["account.payment"].create({**values, "partner_id": self.client_b.id})
        for call in (
            lambda: other.with_user(self.expert_a).write({"amount": 1.0}),
            other.with_user(self.expert_a).action_post,
            other.with_user(self.expert_a).unlink,
        ):
            with self.subTest(call=call), self.assertRaises(AccessError), self.env.cr.savepoint():
                call()
        self.assertEqual(other.state, "draft")
        self.assertEqual(other.amount, 50.0)
