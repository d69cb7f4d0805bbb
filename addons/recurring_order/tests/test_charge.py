from datetime import date, datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RecurringOrderCommon


@tagged("post_install", "-at_install")
class TestCharge(RecurringOrderCommon):
    """The charge cron, off-session on Stripe (the local fake)."""

    @freeze_time("2026-02-15 09:00:00")
    def test_due_period_is_charged_off_session(self):
        recurring = self._start(start=date(2026, 1, 15))
        initial = recurring.sale_order_id
        self.assertEqual((recurring.state, recurring.payments_done, recurring.payments_remaining), ("active", 1, 11))
        self.assertEqual(recurring.next_payment_date, date(2026, 2, 15))

        self.assertEqual(self._charge_due(), recurring)

        tx = recurring.transaction_ids
        self.assertEqual(tx.reference, f"{recurring.name}-20260215-1")
        self.assertEqual((tx.state, tx.operation, tx.token_id), ("done", "offline", self.token))
        self.assertEqual(tx.recurring_billing_date, date(2026, 2, 15))
        [request] = self._payment_intent_requests()
        self.assertEqual(request["key"], self._idempotency_key(tx), "the key derives from the reference")
        params = request["params"]
        self.assertEqual((params["off_session"], params["confirm"]), ("True", "True"))
        self.assertEqual((params["amount"], params["payment_method"]), ("10000", "pm_card_visa"))
        self.assertEqual(params["customer"], f"cus_fake_{self.client_partner.id}")
        self.assertEqual(tx.provider_reference, next(iter(self.fake_stripe.payment_intents)))
        # the period is paid: the schedule moves on the same day of the month
        self.assertEqual(recurring.state, "active")
        self.assertEqual(recurring.next_payment_date, date(2026, 3, 15))
        self.assertEqual((recurring.payments_done, recurring.payments_remaining), (2, 10))
        order = recurring.generated_order_ids
        self.assertEqual(order.recurring_billing_date, date(2026, 2, 15))
        self.assertEqual(order.transaction_ids, tx)
        self.assertEqual(recurring.order_ids.ids, [initial.id, order.id], "the initial order first")
        self.assertEqual(order.amount_total, 100.0)
        self.assertEqual(order.partner_id, self.client_partner)
        self.assertEqual(order.order_line.product_id, self.plan)

        # Odoo's post-processing confirms, invoices and pays it, as on the website
        self._post_process(recurring)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.invoice_ids.state, "posted")
        self.assertIn(order.invoice_ids.payment_state, ("paid", "in_payment"))
        self.assertEqual(order.fulfillment_state, "paid")
        self.assertEqual(order.order_line.session_remaining, 3)
        self.assertFalse(order.order_line._session_bookable_error(), "the new sessions are bookable")
        mails = order.invoice_ids.message_ids.filtered(lambda message: message.message_type == "comment")
        self.assertEqual(len(mails), 1, "one mail per charge: the invoice with the recurring template")
        self.assertIn("payment received", mails.subject)
        self.assertIn(recurring.client_center_url, mails.body)
        self.assertTrue(mails.attachment_ids, "the invoice is attached")
        self.assertEqual(mails.partner_ids, self.client_partner)
        self.assertFalse(
            order.message_ids.filtered(lambda message: message.message_type == "comment"),
            "no order confirmation besides the invoice",
        )

    @freeze_time("2026-02-15 09:00:00")
    def test_charge_invoice_queued_for_send_and_print(self):
        """The payment's post-processing does not render the invoice's PDF
        (seconds per wkhtmltopdf run): it queues the invoice for Send &
        Print's cron, which renders its batch together and mails each once."""
        recurring = self._start(start=date(2026, 1, 15))
        self._charge_due()
        txs = recurring.transaction_ids.filtered(lambda tx: tx.state == "done" and not tx.is_post_processed)
        cron = self.env.ref("account.ir_cron_account_move_send")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        txs._finalize_post_processing()
        invoice = recurring.generated_order_ids.invoice_ids
        self.assertEqual(invoice.state, "posted")
        self.assertTrue(invoice.is_move_sent, "marked as Odoo does: its retry cron leaves it")
        values = invoice.send_and_print_values
        self.assertEqual(values["mail_template_id"], self.env.ref("recurring_order.mail_template_charge_succeeded").id)
        self.assertEqual(values["sp_partner_id"], self.env.ref("base.user_root").partner_id.id)
        self.assertFalse(invoice.message_ids.filtered(lambda message: message.message_type == "comment"))
        self.assertEqual(self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers + 1)
        self.env["account.move"]._cron_account_move_send(job_count=100)
        self.env["account.move"]._cron_account_move_send(job_count=100)
        self.assertFalse(invoice.send_and_print_values)
        mails = invoice.message_ids.filtered(lambda message: message.message_type == "comment")
        self.assertEqual(len(mails), 1, "mailed once")
        self.assertEqual(mails.partner_ids, self.client_partner)

    def test_client_mails_never_name_the_service(self):
        """A phone's lock screen shows the subject and the first lines: the
        mails name the recurring order and the invoice, never the package
        (issue 21's privacy rule, for every mail of a recurring order)."""
        recurring = self._start(start=date(2026, 1, 15))
        with freeze_time("2026-02-15 09:00:00"):
            self._charge_due()
            self._post_process(recurring)
        invoice = recurring.generated_order_ids.invoice_ids
        self._decline()
        with freeze_time("2026-03-15 09:00:00"):
            self._charge_due()
        recurring.with_user(self.manager).action_suspend("Holidays")
        recurring.with_user(self.manager).action_activate()
        recurring.with_user(self.manager).action_complete("Moved abroad")
        mails = self._client_mails(recurring) | invoice.message_ids.filtered(
            lambda message: message.message_type == "comment"
        )
        self.assertEqual(len(mails), 5, "paid (invoice), failed, paused, active again, complete")
        for mail in mails:
            with self.subTest(subject=mail.subject):
                self.assertTrue(recurring.name in mail.subject or invoice.name in mail.subject)
                self.assertNotIn(self.plan.name, mail.subject)
                self.assertNotIn(self.plan.name, mail.body)

    @freeze_time("2026-02-20 09:00:00")
    def test_missed_days_are_still_charged(self):
        """The cron did not run on the 15th: the period is charged on the 20th
        and the next billing date stays on the 15th."""
        recurring = self._start(start=date(2026, 1, 15))
        self.assertEqual(self._charge_due(), recurring)
        self.assertEqual(recurring.transaction_ids.recurring_billing_date, date(2026, 2, 15))
        self.assertEqual(recurring.next_payment_date, date(2026, 3, 15))

    @freeze_time("2026-02-14 23:00:00")
    def test_not_due_is_not_charged(self):
        recurring = self._start(start=date(2026, 1, 15))
        self.assertFalse(self._charge_due())
        self.assertFalse(recurring.transaction_ids)
        self.assertFalse(self.fake_stripe.requests)

    def test_billing_day_never_drifts(self):
        recurring = self._start(start=date(2026, 1, 31))
        self.assertEqual(
            [recurring._billing_date(index) for index in range(4)],
            [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)],
        )
        self.assertEqual(recurring._next_billing_date(date(2026, 2, 28)), date(2026, 3, 31))
        self.assertEqual(recurring._billing_index_at(date(2026, 3, 30)), 1)
        weekly = self._start(start=date(2026, 1, 1))
        weekly.write({"interval_unit": "week", "interval_number": 2})
        self.assertEqual(weekly._next_billing_date(date(2026, 1, 15)), date(2026, 1, 29))
        yearly = self._start(start=date(2024, 2, 29))
        yearly.write({"interval_unit": "year"})
        self.assertEqual(yearly._next_billing_date(date(2024, 3, 1)), date(2025, 2, 28))
        self.assertEqual(yearly._billing_date(4), date(2028, 2, 29))

    def test_last_payment_completes_the_order(self):
        product = self._create_expert_product(
            self.expert_a,
            "Two payments",
            50.0,
            is_recurring=True,
            recurring_interval_number=1,
            recurring_interval_unit="month",
            recurring_payment_count=2,
        )
        with freeze_time("2026-03-01"):
            recurring = self._start(product=product, start=date(2026, 2, 1))
            self._charge_due()
        self.assertEqual(recurring.state, "completed")
        self.assertEqual((recurring.payments_done, recurring.payments_remaining), (2, 0))
        self.assertFalse(recurring.next_payment_date)
        self.assertIn("2 payments", recurring.end_reason)
        with freeze_time("2026-04-01"):
            self.assertFalse(self._charge_due(), "nothing is charged after the last payment")

    def test_until_stopped_never_completes(self):
        product = self._create_expert_product(
            self.expert_a, "Weekly", 20.0, is_recurring=True, recurring_interval_unit="week", recurring_payment_count=0
        )
        recurring = self._start(product=product, start=date(2026, 1, 5))
        for day in (date(2026, 1, 12), date(2026, 1, 19), date(2026, 1, 26)):
            with freeze_time(day):
                self.assertEqual(self._charge_due(), recurring)
        self.assertEqual((recurring.state, recurring.payments_done, recurring.payments_remaining), ("active", 4, 0))
        self.assertEqual(recurring.next_payment_date, date(2026, 2, 2))
        self.assertIn("until stopped", recurring.schedule_summary)

    # ------------------------------------------------------------------
    # failures
    # ------------------------------------------------------------------

    def _decline(self, stripe_method="pm_card_visa", code="card_declined", decline_code="insufficient_funds"):
        self.fake_stripe.declines[stripe_method] = (code, decline_code, "Your card has insufficient funds.")

    def test_soft_decline_is_retried_twice_then_failed(self):
        self.env["ir.config_parameter"].sudo().set_param("recurring_order.retry_hours", "6")
        self._decline()
        with freeze_time("2026-02-15 09:00:00"):
            recurring = self._start(start=date(2026, 1, 15))
            self._charge_due()
            self.assertEqual((recurring.state, recurring.retry_count), ("active", 1))
            self.assertEqual(recurring.next_retry_at, datetime(2026, 2, 15, 15, 0))
            self.assertIn("insufficient funds", recurring.last_error)
            self.assertEqual(recurring.next_payment_date, date(2026, 2, 15), "the period is still due")
            self.assertEqual(recurring.payments_done, 1)
            order = recurring.generated_order_ids
            self.assertEqual(order.state, "draft", "the period's quotation waits for the retry")
            failed_mail = self._client_mails(recurring)[:1]
            self.assertIn("failed", failed_mail.subject)
            self.assertIn(recurring.client_card_url, failed_mail.body)
            self.assertIn("Your card has insufficient funds.", failed_mail.body)
            self.assertNotIn("Stripe: The communication", failed_mail.body)
            self.assertIn("Feb 15, 2026, 4:00:00 PM", failed_mail.body)
            self.assertIn("Europe/Paris", failed_mail.body, "the retry time in the client's zone, named")
        with freeze_time("2026-02-15 14:59:00"):
            self.assertFalse(self._charge_due(), "not before the retry time")
        with freeze_time("2026-02-15 15:00:00"):
            self._charge_due()
            self.assertEqual((recurring.state, recurring.retry_count), ("active", 2))
        with freeze_time("2026-02-15 21:00:00"):
            self._charge_due()
        self.assertEqual((recurring.state, recurring.retry_count), ("failed", 3))
        self.assertFalse(recurring.next_retry_at)
        self.assertEqual(
            recurring.transaction_ids.mapped("reference"),
            [f"{recurring.name}-20260215-{attempt}" for attempt in (3, 2, 1)],
            "one key per (order, period, attempt)",
        )
        self.assertEqual(len({request["key"] for request in self._payment_intent_requests()}), 3)
        self.assertEqual(order.state, "cancel", "the period's order is rejected")
        self.assertEqual(recurring.generated_order_ids, order, "one order for the period, whatever the attempts")
        expert_note = recurring.message_ids.filtered(lambda m: self.expert_a.partner_id in m.partner_ids)
        self.assertTrue(expert_note, "the expert is told")
        self.assertIn("stopped trying", self._client_mails(recurring)[:1].body)
        self.assertEqual(len(self._client_mails(recurring)), 3, "the client is told at each failure")
        with freeze_time("2026-03-15 09:00:00"):
            self.assertFalse(self._charge_due(), "a failed order is not charged again")

    @freeze_time("2026-02-15 09:00:00")
    def test_hard_decline_fails_at_once(self):
        self._decline(code="card_declined", decline_code="stolen_card")
        recurring = self._start(start=date(2026, 1, 15))
        self._charge_due()
        self.assertEqual(recurring.state, "failed")
        self.assertEqual(recurring.transaction_ids.recurring_decline_code, "stolen_card")
        self.assertEqual(len(self._payment_intent_requests()), 1, "no retry")
        self.assertEqual(recurring.generated_order_ids.state, "cancel")

    @freeze_time("2026-02-15 09:00:00")
    def test_expired_card_code_is_a_hard_decline(self):
        self._decline(code="expired_card", decline_code=None)
        recurring = self._start(start=date(2026, 1, 15))
        self._charge_due()
        self.assertEqual(recurring.state, "failed")

    @freeze_time("2026-02-15 09:00:00")
    def test_removed_card_fails_without_charging(self):
        recurring = self._start(start=date(2026, 1, 15))
        self.token.active = False
        self._charge_due()
        self.assertEqual(recurring.state, "failed")
        self.assertIn("removed", recurring.last_error)
        self.assertFalse(self.fake_stripe.requests)
        self.assertFalse(recurring.generated_order_ids)

    @freeze_time("2026-02-15 09:00:00")
    def test_disabled_provider_fails_without_charging(self):
        recurring = self._start(start=date(2026, 1, 15))
        self.stripe_provider.state = "disabled"
        self._charge_due()
        self.assertEqual(recurring.state, "failed")
        self.assertFalse(self.fake_stripe.requests)

    @freeze_time("2026-02-15 09:00:00")
    def test_processing_payment_settles_later(self):
        self.fake_stripe.processing.add("pm_card_visa")
        recurring = self._start(start=date(2026, 1, 15))
        self._charge_due()
        tx = recurring.transaction_ids
        self.assertEqual((tx.state, recurring.state), ("pending", "processing"))
        self.assertEqual(recurring.next_payment_date, date(2026, 2, 15))
        self.assertFalse(self._charge_due(), "a processing order is not charged again")
        # Stripe's webhook later: the payment succeeded
        intent = dict(self.fake_stripe.payment_intents[tx.provider_reference], status="succeeded")
        tx._handle_notification_data("stripe", {"reference": tx.reference, "payment_intent": intent})
        self.assertEqual((tx.state, recurring.state), ("done", "active"))
        self.assertEqual(recurring.next_payment_date, date(2026, 3, 15))
        self.assertEqual(recurring.payments_done, 2)

    @freeze_time("2026-02-15 09:00:00")
    def test_processing_payment_failing_later_is_retried(self):
        self.fake_stripe.processing.add("pm_card_visa")
        recurring = self._start(start=date(2026, 1, 15))
        self._charge_due()
        tx = recurring.transaction_ids
        intent = dict(
            self.fake_stripe.payment_intents[tx.provider_reference],
            status="requires_payment_method",
            last_payment_error={"code": "card_declined", "decline_code": "generic_decline", "message": "Declined."},
        )
        tx._handle_notification_data("stripe", {"reference": tx.reference, "payment_intent": intent})
        self.assertEqual((tx.state, recurring.state, recurring.retry_count), ("error", "active", 1))
        # the same notification again changes nothing
        tx._handle_notification_data("stripe", {"reference": tx.reference, "payment_intent": intent})
        self.assertEqual(recurring.retry_count, 1)

    # ------------------------------------------------------------------
    # the client's new card
    # ------------------------------------------------------------------

    def test_new_card_retries_at_once(self):
        self._decline()
        new_token = self._create_token(self.client_partner, "pm_card_mastercard", "4444")
        cron = self.env.ref("recurring_order.ir_cron_charge_due")
        with freeze_time("2026-02-15 09:00:00"):
            recurring = self._start(start=date(2026, 1, 15))
            self._charge_due()
            self.assertEqual(recurring.retry_count, 1)
        with freeze_time("2026-02-15 10:00:00"):
            triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
            self.assertTrue(recurring._client_change_card(self.client_partner, new_token))
            trigger = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]) - triggers
            self.assertTrue(trigger, "the cron is triggered")
            self.assertLessEqual(trigger.call_at, datetime(2026, 2, 15, 10, 0))
            self.assertEqual(recurring.next_retry_at, datetime(2026, 2, 15, 10, 0))
            self.assertEqual(recurring.payment_token_id, new_token)
            self.assertEqual(self._charge_due(), recurring)
        self.assertEqual((recurring.state, recurring.retry_count), ("active", 0))
        self.assertEqual(recurring.transaction_ids[0].token_id, new_token)
        self.assertEqual(recurring.next_payment_date, date(2026, 3, 15))
        note = recurring.message_ids.filtered(lambda message: "Card changed by the client" in message.body)
        self.assertEqual(note.author_id, self.client_partner)

    def test_new_card_reactivates_a_failed_order(self):
        self._decline(decline_code="stolen_card")
        new_token = self._create_token(self.client_partner, "pm_card_mastercard", "4444")
        with freeze_time("2026-02-15 09:00:00"):
            recurring = self._start(start=date(2026, 1, 15))
            self._charge_due()
            self.assertEqual(recurring.state, "failed")
        with freeze_time("2026-02-16 09:00:00"):
            recurring._client_change_card(self.client_partner, new_token)
            self.assertEqual(recurring.state, "active")
            self.assertEqual(recurring.next_payment_date, date(2026, 2, 15))
            self._charge_due()
        self.assertEqual(recurring.state, "active")
        self.assertEqual(recurring.next_payment_date, date(2026, 3, 15))
        paid = recurring.generated_order_ids.filtered(lambda order: order._recurring_is_paid())
        self.assertEqual(len(paid), 1)
        self.assertEqual(recurring.payments_done, 2)

    def test_unchanged_card_when_nothing_is_due(self):
        with freeze_time("2026-02-01"):
            recurring = self._start(start=date(2026, 1, 15))
            self.assertFalse(recurring._client_change_card(self.client_partner, self.token))
            new_token = self._create_token(self.client_partner, "pm_card_mastercard", "4444")
            self.assertTrue(recurring._client_change_card(self.client_partner, new_token))
            self.assertFalse(recurring.next_retry_at, "nothing is due: no charge now")

    # ------------------------------------------------------------------
    # a charge that breaks is tried again, with the same key
    # ------------------------------------------------------------------

    @freeze_time("2026-02-15 09:00:00")
    def test_error_after_the_charge_keeps_nothing_and_is_charged_once(self):
        """One order breaks after Stripe charged it: its transaction is rolled
        back, the others go on; the next run sends the same idempotency key
        and Stripe answers with the first payment."""
        first = self._start(start=date(2026, 1, 15))
        second = self._start(start=date(2026, 1, 15))
        RecurringOrder = self.registry["recurring.order"]
        process = RecurringOrder._process_charge_result

        def break_first(record, tx):
            if record == first:
                raise RuntimeError("worker lost after the provider answered")
            return process(record, tx)

        with (
            patch.object(RecurringOrder, "_process_charge_result", break_first),
            mute_logger("odoo.addons.recurring_order.models.recurring_order"),
        ):
            charged, more = self.env["recurring.order"]._charge_due_orders(commit=False)
        self.assertEqual(charged, second)
        self.assertFalse(more)
        self.assertEqual(first.state, "active")
        self.assertFalse(first.transaction_ids, "nothing of the broken charge is kept")
        self.assertFalse(first.generated_order_ids)
        self.assertEqual(second.next_payment_date, date(2026, 3, 15))
        self.assertEqual(len(self.fake_stripe.payment_intents), 2, "both were charged at Stripe")

        self.assertEqual(self._charge_due(), first)
        self.assertEqual(len(self.fake_stripe.payment_intents), 2, "Stripe replayed the first charge")
        first_keys = [
            r["key"] for r in self._payment_intent_requests() if r["params"]["description"].startswith(first.name)
        ]
        self.assertEqual(len(first_keys), 2)
        self.assertEqual(len(set(first_keys)), 1, "the same idempotency key")
        self.assertEqual((first.state, first.payments_done), ("active", 2))
        [intent] = [pi for pi in self.fake_stripe.payment_intents.values() if pi["description"].startswith(first.name)]
        self.assertEqual(first.transaction_ids.provider_reference, intent["id"])

    def test_suspended_retry_resets(self):
        self._decline()
        with freeze_time("2026-02-15 09:00:00"):
            recurring = self._start(start=date(2026, 1, 15))
            self._charge_due()
            recurring.with_user(self.manager).action_suspend("Client asked for a pause")
        self.assertEqual((recurring.state, recurring.retry_count), ("suspended", 0))
        self.assertFalse(recurring.next_retry_at)
        self.assertEqual(recurring.generated_order_ids.state, "cancel")
        with freeze_time(datetime(2026, 2, 15, 9) + timedelta(days=2)):
            self.assertFalse(self._charge_due())
