from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRecurringDemoTokens(TransactionCase):
    """Recurring charges on Odoo's demo provider: its tokens end every
    payment in their simulated state (done, pending, cancel, error)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls.env.ref("payment.payment_provider_demo")
        journal = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.provider.write({"state": "test", "company_id": cls.env.company.id, "journal_id": journal.id})
        cls.client = cls.env["res.partner"].create({"name": "Demo Token Client", "email": "demo.token@example.com"})
        cls.plan = cls.env.ref("recurring_order.product_olivia_monthly_plan_demo").product_variant_id

    def _start(self, simulated_state):
        token = self.env["payment.token"].create(
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.env.ref("payment_demo.payment_method_demo").id,
                "partner_id": self.client.id,
                "payment_details": "4242",
                "provider_ref": f"demo-{simulated_state}",
                "demo_simulated_state": simulated_state,
            }
        )
        order = self.env["sale.order"].create(
            {"partner_id": self.client.id, "order_line": [Command.create({"product_id": self.plan.id})]}
        )
        tx = self.env["payment.transaction"].create(
            {
                "provider_id": self.provider.id,
                "payment_method_id": token.payment_method_id.id,
                "token_id": token.id,
                "operation": "online_token",
                "amount": order.amount_total,
                "currency_id": order.currency_id.id,
                "partner_id": self.client.id,
                "sale_order_ids": [Command.set(order.ids)],
            }
        )
        tx._set_done()
        tx._finalize_post_processing()
        recurring = order.started_recurring_order_ids
        recurring.write({"start_date": date(2026, 1, 10)})
        recurring.write({"next_payment_date": date(2026, 2, 10)})
        return recurring

    def _charge(self):
        return self.env["recurring.order"]._charge_due_orders(commit=False)[0]

    @freeze_time("2026-02-10 08:00:00")
    def test_done(self):
        recurring = self._start("done")
        self.assertEqual(self._charge(), recurring)
        tx = recurring.transaction_ids
        self.assertEqual((tx.state, recurring.state), ("done", "active"))
        self.assertEqual(recurring.next_payment_date, date(2026, 3, 10))
        self.assertEqual(recurring.payments_done, 2)
        tx._finalize_post_processing()
        order = recurring.generated_order_ids
        self.assertEqual(order.state, "sale")
        self.assertIn(order.invoice_ids.payment_state, ("paid", "in_payment"))
        # the 80/20 split follows the paid invoice like any other sale
        shares = self.env["revenue.share.line"].search([("move_line_id.move_id", "=", order.invoice_ids.id)])
        self.assertEqual(sum(shares.mapped("expert_amount")), 144.0)
        self.assertEqual(sum(shares.mapped("platform_amount")), 36.0)

    @freeze_time("2026-02-10 08:00:00")
    def test_charge_invoice_mail_is_counted_and_neutral(self):
        """invoice_followup's rules hold for recurring-order invoices: the
        mail sent with the charge counts as a send, names the invoice, not
        the package, and a paid invoice is never reminded."""
        self.env["ir.config_parameter"].sudo().set_param("sale.automatic_invoice", "True")
        recurring = self._start("done")
        self._charge()
        recurring.transaction_ids._finalize_post_processing()
        # the invoice is mailed by Send & Print's cron
        self.env["account.move"]._cron_account_move_send(job_count=100)
        invoice = recurring.generated_order_ids.invoice_ids
        self.assertEqual(invoice.followup_sent_count, 1)
        mail = invoice.message_ids.filtered(lambda message: message.message_type == "comment")
        self.assertEqual(len(mail), 1)
        self.assertIn(invoice.name, mail.subject)
        self.assertNotIn(self.plan.name, mail.subject)
        self.assertNotIn(self.plan.name, mail.body)
        # payment_demo names its cards unmasked ("4242"): the client reads them masked
        self.assertEqual(recurring.payment_token_id.display_name, "4242")
        self.assertIn("•••• 4242", mail.body)
        with self.assertRaisesRegex(UserError, "is paid"):
            invoice.action_followup_resend()

    @freeze_time("2026-02-10 08:00:00")
    def test_pending_then_done(self):
        recurring = self._start("pending")
        self._charge()
        tx = recurring.transaction_ids
        self.assertEqual((tx.state, recurring.state), ("pending", "processing"))
        self.assertFalse(self._charge(), "no second charge while the first one runs")
        tx.action_demo_set_done()
        self.assertEqual((tx.state, recurring.state), ("done", "active"))
        self.assertEqual(recurring.next_payment_date, date(2026, 3, 10))

    @freeze_time("2026-02-10 08:00:00")
    def test_pending_then_error(self):
        recurring = self._start("pending")
        self._charge()
        recurring.transaction_ids.action_demo_set_error()
        self.assertEqual((recurring.state, recurring.retry_count), ("active", 1))
        self.assertEqual(recurring.next_payment_date, date(2026, 2, 10))

    def test_cancel_and_error_are_retried_then_failed(self):
        for state in ("cancel", "error"):
            with self.subTest(state=state):
                with freeze_time("2026-02-10 08:00:00"):
                    recurring = self._start(state)
                    self._charge()
                self.assertEqual((recurring.state, recurring.retry_count), ("active", 1))
                retry_at = recurring.next_retry_at
                self.assertEqual(retry_at, fields.Datetime.to_datetime("2026-02-11 08:00:00"), "24 hours later")
                with freeze_time(retry_at):
                    self._charge()
                self.assertEqual((recurring.state, recurring.retry_count), ("active", 2))
                with freeze_time(recurring.next_retry_at):
                    self._charge()
                self.assertEqual(recurring.state, "failed")
                self.assertEqual(recurring.transaction_ids.mapped("state"), [state] * 3)
                self.assertEqual(recurring.payments_done, 1)
                self.assertEqual(recurring.generated_order_ids.state, "cancel")


@tagged("post_install", "-at_install")
class TestRecurringDemoData(TransactionCase):
    def test_demo_is_coherent(self):
        today = fields.Date.today()
        emma = self.env.ref("expert_platform.recurring_order_emma_demo")
        self.assertEqual(emma.state, "active")
        self.assertEqual(emma.partner_id, self.env.ref("expert_base.partner_client_emma_demo"))
        self.assertEqual((emma.payments_done, emma.payments_remaining), (2, 10))
        self.assertGreater(emma.next_payment_date, today)
        self.assertEqual(emma.next_payment_date, emma._billing_date(2))
        self.assertEqual(emma.order_ids[0], emma.sale_order_id, "the initial order first")
        self.assertEqual(emma.order_ids.mapped("state"), ["sale", "sale"])
        renewal = emma.generated_order_ids
        self.assertIn(renewal.invoice_ids.payment_state, ("paid", "in_payment"))
        self.assertFalse(renewal.order_line._session_bookable_error(), "the renewal's sessions can be booked")

        suspended = self.env.ref("expert_platform.recurring_order_emma_suspended_demo")
        self.assertEqual(suspended.state, "suspended")
        self.assertGreater(suspended.resume_on, today)
        self.assertLessEqual(suspended.next_payment_date, today, "a payment fell due while suspended")

        failed = self.env.ref("expert_platform.recurring_order_lucas_failed_demo")
        self.assertEqual((failed.state, failed.retry_count), ("failed", 3))
        self.assertEqual(failed.transaction_ids.mapped("state"), ["error"] * 3)
        self.assertEqual(failed.generated_order_ids.state, "cancel")
        self.assertEqual(failed.payments_done, 1)

        # nothing of the demo is due today
        self.assertFalse(self.env["recurring.order"]._charge_due_orders(commit=False)[0] & (emma | suspended | failed))
        # resumed on its date, the suspended order is charged once, on its billing day
        resume_on = suspended.resume_on
        with freeze_time(resume_on):
            self.env["recurring.order"]._resume_due_orders(commit=False)
        self.assertEqual(suspended.state, "active")
        self.assertLessEqual(suspended.next_payment_date, resume_on)
        self.assertGreater(suspended.next_payment_date + relativedelta(weeks=2), resume_on)
        self.assertEqual(suspended.next_payment_date.weekday(), suspended.start_date.weekday(), "on the billing day")
