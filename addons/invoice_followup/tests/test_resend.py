from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import NOW, InvoiceFollowupCommon


@tagged("post_install", "-at_install")
class TestResend(InvoiceFollowupCommon):
    """Invoices resent until paid: the schedule, the stops, the limits."""

    def setUp(self):
        super().setUp()
        self.invoice = self._invoice(due_days=14)
        self._send(self.invoice)

    def test_send_by_hand_counts_with_a_neutral_subject(self):
        invoice = self.invoice
        self.assertEqual((invoice.followup_sent_count, invoice.followup_auto_sent_count), (1, 0))
        self.assertEqual(invoice.last_sent_at, NOW)
        message = self._sent_messages(invoice)
        self.assertEqual(len(message), 1)
        # the invoice number, never the kind of service (the product name)
        self.assertEqual(message.subject, f"Invoice {invoice.name}")
        self.assertNotIn("Coaching", message.subject)
        self.assertTrue(message.attachment_ids, "the PDF is attached")
        self.assertIn(invoice.access_token, message.body, "the body holds the pay link")

    def test_cron_resends_weekly_after_the_due_date(self):
        invoice = self.invoice
        # sent on the invoice date, due in 14 days: nothing before it is overdue
        self.assertFalse(self._resend_cron(NOW + timedelta(days=8))["sent"])
        self.assertEqual(invoice.followup_sent_count, 1)
        overdue = NOW + timedelta(days=15)
        self._resend_cron(overdue)
        self.assertEqual((invoice.followup_sent_count, invoice.followup_auto_sent_count), (2, 1))
        self.assertEqual(invoice.last_sent_at, overdue)
        reminder = self._reminders(invoice)
        self.assertEqual(reminder.subject, f"Reminder: invoice {invoice.name}")
        self.assertIn(self.client_partner, reminder.partner_ids)
        self.assertTrue(reminder.attachment_ids, "the PDF is attached")
        self.assertIn(invoice.access_token, reminder.body, "the body holds the pay link")
        # not again before seven more days
        self.assertFalse(self._resend_cron(overdue + timedelta(days=6))["sent"])
        self._resend_cron(overdue + timedelta(days=7))
        self.assertEqual(invoice.followup_auto_sent_count, 2)
        self.assertFalse(invoice.send_and_print_values, "nothing left queued in Send & Print")

    def test_reminders_are_queued_for_the_mail_queue(self):
        self._resend_cron(NOW + timedelta(days=15))
        mails = self.env["mail.mail"].search([("mail_message_id", "in", self._reminders(self.invoice).ids)])
        mail = mails.filtered(lambda mail: self.client_partner in mail.recipient_ids)
        self.assertEqual(mail.state, "outgoing")
        # the invoice's followers get their copy, as with every invoice email
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})

    def test_before_due_date_mode(self):
        self.company.invoice_resend_start = "before_due"
        self._resend_cron(NOW + timedelta(days=7))
        self.assertEqual(self.invoice.followup_auto_sent_count, 1)

    def test_next_reminder_shown_on_the_invoice(self):
        with freeze_time(NOW + timedelta(days=1)):
            self.invoice.invalidate_recordset(["followup_next_send_at"])
            # after the due date (14 days), the next morning
            self.assertEqual(self.invoice.followup_next_send_at.date(), (NOW + timedelta(days=15)).date())

    def test_respects_the_maximum(self):
        when = NOW + timedelta(days=15)
        for _week in range(5):
            self._resend_cron(when)
            when += timedelta(days=7)
        self.assertEqual((self.invoice.followup_sent_count, self.invoice.followup_auto_sent_count), (4, 3))
        self.assertEqual(len(self._reminders(self.invoice)), 3)
        self.assertFalse(self.invoice.followup_next_send_at)

    def test_manual_sends_do_not_use_up_the_maximum(self):
        self.company.invoice_resend_max_count = 1
        self._send(self.invoice, NOW + timedelta(days=2))
        self._resend_cron(NOW + timedelta(days=15))
        self.assertEqual((self.invoice.followup_sent_count, self.invoice.followup_auto_sent_count), (3, 1))

    def test_a_manual_send_restarts_the_clock(self):
        self._send(self.invoice, NOW + timedelta(days=12))
        self.assertFalse(self._resend_cron(NOW + timedelta(days=15))["sent"])
        self._resend_cron(NOW + timedelta(days=19))
        self.assertEqual(self.invoice.followup_auto_sent_count, 1)

    def test_stops_at_once_when_paid(self):
        self._register_payment(self.invoice, when=NOW + timedelta(days=10))
        self._resend_cron(NOW + timedelta(days=15))
        self.assertEqual(self.invoice.followup_sent_count, 1)
        self.assertFalse(self._reminders(self.invoice))

    def test_partial_payment_keeps_reminding_of_the_rest(self):
        self._register_payment(self.invoice, amount=40.0, when=NOW + timedelta(days=10))
        self.assertEqual(self.invoice.payment_state, "partial")
        self._resend_cron(NOW + timedelta(days=15))
        self.assertEqual(self.invoice.followup_auto_sent_count, 1)
        self.assertIn("60.00", self._reminders(self.invoice).body)

    def test_stops_while_a_payment_is_on_its_way(self):
        """In payment: an online payment of the invoice is pending (a bank
        transfer, a card charge the provider has not settled): no reminder
        until it fails."""
        tx = self.env["payment.transaction"].create(
            {
                # any provider: the transaction's state is what counts
                "provider_id": self.env.ref("payment.payment_provider_stripe").id,
                "payment_method_id": self.env.ref("payment.payment_method_card").id,
                "reference": f"{self.invoice.name}-pending",
                "amount": self.invoice.amount_residual,
                "currency_id": self.invoice.currency_id.id,
                "partner_id": self.client_partner.id,
                "invoice_ids": [Command.set(self.invoice.ids)],
            }
        )
        tx._set_pending()
        self.assertEqual(self.invoice.payment_state, "not_paid")
        self.assertEqual(self._resend_cron(NOW + timedelta(days=15))["skipped"], 1)
        self.assertEqual(self.invoice.followup_sent_count, 1)
        with self.assertRaisesRegex(UserError, "on its way"):
            self.invoice.with_user(self.platform_manager).action_followup_resend()
        self.assertEqual(self.invoice.followup_sent_count, 1)
        # the payment failed: the reminders go on
        tx._set_error("Declined")
        self._resend_cron(NOW + timedelta(days=16))
        self.assertEqual(self.invoice.followup_auto_sent_count, 1)

    def test_stops_when_cancelled(self):
        with freeze_time(NOW + timedelta(days=10)):
            self.invoice.button_draft()
            self.invoice.button_cancel()
        self._resend_cron(NOW + timedelta(days=15))
        self.assertEqual(self.invoice.followup_sent_count, 1)

    def test_stops_when_reversed(self):
        with freeze_time(NOW + timedelta(days=10)):
            self.invoice._reverse_moves(cancel=True)
        self.assertEqual(self.invoice.payment_state, "reversed")
        self._resend_cron(NOW + timedelta(days=15))
        self.assertEqual(self.invoice.followup_sent_count, 1)

    def test_stops_when_fully_credited(self):
        # a posted credit note for the whole amount, not matched with the
        # invoice (yet, or any more)
        with freeze_time(NOW + timedelta(days=10)):
            refund = self.invoice._reverse_moves()
            refund.action_post()
            (self.invoice.line_ids | refund.line_ids).remove_move_reconcile()
        self.assertEqual(self.invoice.payment_state, "not_paid")
        self.assertEqual(self._resend_cron(NOW + timedelta(days=15))["skipped"], 1)
        self.assertEqual(self.invoice.followup_sent_count, 1)
        with self.assertRaisesRegex(UserError, "credited in full"):
            self.invoice.with_user(self.platform_manager).action_followup_resend()

    def test_opt_out_of_the_invoice(self):
        self.invoice.with_user(self.expert_a).followup_enabled = False
        self._resend_cron(NOW + timedelta(days=15))
        self.assertEqual(self.invoice.followup_sent_count, 1)
        self.assertFalse(self.invoice.followup_next_send_at)

    def test_opt_out_of_the_customer(self):
        company = self.env["res.partner"].create({"name": "Client Company", "is_company": True})
        self.client_partner.parent_id = company
        company.invoice_resend_optout = True
        self.assertTrue(self.client_partner.invoice_resend_optout, "a commercial field, kept on every contact")
        self._resend_cron(NOW + timedelta(days=15))
        self.assertEqual(self.invoice.followup_sent_count, 1)

    def test_disabled_company(self):
        self.company.invoice_resend_enabled = False
        self._resend_cron(NOW + timedelta(days=15))
        self.assertEqual(self.invoice.followup_sent_count, 1)

    def test_invoices_never_sent_are_not_resent(self):
        unsent = self._invoice(due_days=0)
        self._resend_cron(NOW + timedelta(days=15))
        self.assertEqual(unsent.followup_sent_count, 0)

    def test_customer_without_email_is_skipped(self):
        other = self.env["res.partner"].create({"name": "No Mail", "email": "nomail@example.com"})
        invoice = self._invoice(partner=other)
        self._send(invoice)
        other.email = False
        self._resend_cron(NOW + timedelta(days=15))
        self.assertEqual(invoice.followup_sent_count, 1)

    def test_penalty_invoices_follow_the_same_rules(self):
        booking = self._booked()
        with freeze_time(self.tuesday_9 - timedelta(hours=2)):
            self._cancel_as(booking, "client")
            # the cancellation queued the mail for Send & Print's cron
            self.env["account.move"]._cron_account_move_send()
        penalty = booking.penalty_move_id
        penalty.invalidate_recordset()
        self.assertEqual(penalty.followup_sent_count, 1)
        message = self._sent_messages(penalty)
        self.assertEqual(message.subject, f"Invoice {penalty.name}", "a neutral subject for penalties too")
        # due at once: resent a week after the first send
        self._resend_cron(self.tuesday_9 + timedelta(days=7))
        self.assertEqual(penalty.followup_auto_sent_count, 1)
        self.assertEqual(self._reminders(penalty).subject, f"Reminder: invoice {penalty.name}")

    def test_batches_trigger_the_cron_again(self):
        for _number in range(2):
            self._send(self._invoice())
        triggers_before = self.env["ir.cron.trigger"].search_count([])
        outcomes = self._resend_cron(NOW + timedelta(days=15), batch_size=2)
        self.assertEqual(outcomes["sent"], 2)
        self.assertEqual(self.env["ir.cron.trigger"].search_count([]), triggers_before + 1)
        outcomes = self._resend_cron(NOW + timedelta(days=15), batch_size=2)
        self.assertEqual(outcomes["sent"], 1)

    def test_login_required_mails_the_link_without_the_pdf(self):
        self.company.invoice_pdf_login_required = True
        self._resend_cron(NOW + timedelta(days=15))
        reminder = self._reminders(self.invoice)
        self.assertFalse(reminder.attachment_ids)
        self.assertIn(self.invoice.access_token, reminder.body)

    def test_counters_are_kept_by_the_system(self):
        with self.assertRaises(AccessError):
            self.invoice.with_user(self.expert_a).write({"followup_sent_count": 99})
        with self.assertRaises(AccessError):
            self.invoice.with_user(self.platform_manager).portal_view_count = 5
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(self.expert_a).create(
                {"move_type": "out_invoice", "partner_id": self.client_partner.id, "portal_view_count": 3}
            )
        copy = self.invoice.copy()
        self.assertEqual((copy.followup_sent_count, copy.last_sent_at), (0, False))


@tagged("post_install", "-at_install")
class TestResendByHand(InvoiceFollowupCommon):
    """The Send Reminder button: bad input gets a clear error, nothing sent."""

    def test_resend_now(self):
        invoice = self._invoice()
        self._send(invoice)
        with freeze_time(NOW + timedelta(days=2)):
            action = invoice.with_user(self.expert_a).action_followup_resend()
        self.assertEqual(action["params"]["type"], "success")
        invoice.invalidate_recordset()
        self.assertEqual((invoice.followup_sent_count, invoice.followup_auto_sent_count), (2, 0))
        reminder = self._reminders(invoice)
        self.assertEqual(reminder.author_id, self.expert_a.partner_id)

    def test_draft_invoice(self):
        invoice = self._invoice(post=False)
        with self.assertRaisesRegex(UserError, "not posted"):
            invoice.with_user(self.platform_manager).action_followup_resend()
        self.assertEqual(invoice.followup_sent_count, 0)

    def test_paid_invoice(self):
        invoice = self._invoice()
        self._register_payment(invoice)
        with self.assertRaisesRegex(UserError, "is paid"):
            invoice.with_user(self.platform_manager).action_followup_resend()
        self.assertEqual(invoice.followup_sent_count, 0)

    def test_customer_without_email(self):
        partner = self.env["res.partner"].create({"name": "Unreachable"})
        invoice = self._invoice(partner=partner)
        with self.assertRaisesRegex(UserError, "no email"):
            invoice.with_user(self.platform_manager).action_followup_resend()

    def test_credit_note(self):
        refund = self._invoice()._reverse_moves()
        refund.action_post()
        with self.assertRaisesRegex(UserError, "not a customer invoice"):
            refund.with_user(self.platform_manager).action_followup_resend()

    def test_another_experts_invoice(self):
        invoice = self._invoice(product=self.product_b, user=self.expert_b)
        with self.assertRaises(AccessError):
            invoice.with_user(self.expert_a).action_followup_resend()
        self.assertEqual(invoice.followup_sent_count, 0)

    def test_portal_user(self):
        invoice = self._invoice()
        with self.assertRaises(AccessError):
            invoice.with_user(self.client_user).action_followup_resend()


@tagged("post_install", "-at_install")
class TestQuotationSentCount(InvoiceFollowupCommon):
    def test_sending_a_quotation_counts(self):
        order = self._create_order(self.package, confirm=False)
        for _send in range(2):
            action = order.with_user(self.platform_manager).action_quotation_send()
            composer = (
                self.env["mail.compose.message"]
                .with_user(self.platform_manager)
                .with_context(**action["context"])
                .create({"partner_ids": [Command.set(self.client_partner.ids)]})
            )
            composer.action_send_mail()
        order.invalidate_recordset()
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.quotation_sent_count, 2)
        # a note on the order is not a send
        order.message_post(body="Internal note", message_type="comment", subtype_xmlid="mail.mt_note")
        self.assertEqual(order.quotation_sent_count, 2)
