from datetime import date, datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import MissingError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import RecurringOrderCommon


@tagged("post_install", "-at_install")
class TestTransitions(RecurringOrderCommon):
    """Suspend, activate, complete: who, why, and what is charged after."""

    def _tracked(self, recurring):
        # BaseCommon's environment disables tracking, on here; a record is
        # tracked once the transaction that created it is "committed"
        self._flush_tracking()
        return recurring.with_context(tracking_disable=False, mail_notrack=False)

    def _tracked_states(self, recurring):
        self._flush_tracking()
        values = recurring.message_ids.tracking_value_ids.filtered(lambda value: value.field_id.name == "state")
        return [(value.old_value_char, value.new_value_char) for value in values.sorted("id")]

    def _cron_triggers(self):
        cron = self.env.ref("recurring_order.ir_cron_charge_due")
        return self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])

    def test_suspend_with_reason_and_resume_date(self):
        with freeze_time("2026-02-01 10:00:00"):
            recurring = self._tracked(self._start(start=date(2026, 1, 15)))
            wizard = Form(
                self.env["recurring.order.status.wizard"]
                .with_user(self.manager)
                .with_context(
                    default_recurring_order_ids=recurring.ids,
                    default_action="suspend",
                    tracking_disable=False,
                    mail_notrack=False,
                )
            )
            wizard.reason = "Holidays"
            wizard.resume_on = date(2026, 3, 1)
            wizard.save().action_confirm()
            self._flush_tracking()
        self.assertEqual(recurring.state, "suspended")
        self.assertEqual((recurring.suspend_reason, recurring.resume_on), ("Holidays", date(2026, 3, 1)))
        self.assertEqual(recurring.suspended_by, "manager")
        message = recurring.message_ids.filtered(lambda m: m.tracking_value_ids)[:1]
        self.assertEqual(message.author_id, self.manager.partner_id, "who changed it")
        self.assertEqual(self._tracked_states(recurring), [("Active", "Suspended")])
        self.assertIn(
            "Holidays",
            message.tracking_value_ids.filtered(lambda v: v.field_id.name == "suspend_reason").new_value_char,
        )
        mail = self._client_mails(recurring)
        self.assertEqual(len(mail), 1)
        self.assertIn("paused", mail.subject)
        self.assertIn("Holidays", mail.body)
        # nothing is charged while suspended; the cron resumes it on its date
        with freeze_time("2026-02-20 10:00:00"):
            self.env["recurring.order"]._cron_charge_due()
            self.assertEqual(recurring.state, "suspended")
            self.assertFalse(recurring.transaction_ids)
        with freeze_time("2026-03-01 10:00:00"):
            self.env["recurring.order"]._cron_charge_due()
        self.assertEqual(recurring.state, "active")
        self.assertFalse(recurring.resume_on)
        self.assertEqual(len(recurring.transaction_ids), 1, "one period for the month missed")
        self.assertEqual(recurring.transaction_ids.recurring_billing_date, date(2026, 2, 15))
        self.assertEqual(recurring.next_payment_date, date(2026, 3, 15), "the billing day is kept")

    def test_activated_order_is_charged_within_minutes_once(self):
        with freeze_time("2026-01-20 10:00:00"):
            recurring = self._tracked(self._start(start=date(2026, 1, 15)))
            recurring.with_user(self.manager).action_suspend("Waiting for the client's answer")
            self._flush_tracking()
        with freeze_time("2026-04-02 10:00:00"):
            before = self._cron_triggers()
            recurring.with_user(self.manager).action_activate()
            self._flush_tracking()
            trigger = self._cron_triggers() - before
            self.assertEqual(len(trigger), 1)
            self.assertLessEqual(trigger.call_at, datetime(2026, 4, 2, 10, 10), "charged within 10 minutes")
            self.assertEqual(recurring.state, "active")
            self.assertEqual(recurring.next_payment_date, date(2026, 3, 15), "the last billing date, not Feb 15")
            self.assertEqual(self._charge_due(), recurring)
            self.assertFalse(self._charge_due(), "one period only")
        self.assertEqual(recurring.transaction_ids.recurring_billing_date, date(2026, 3, 15))
        self.assertEqual(recurring.next_payment_date, date(2026, 4, 15))
        self.assertEqual(recurring.payments_done, 2)
        self.assertEqual(self._tracked_states(recurring), [("Active", "Suspended"), ("Suspended", "Active")])

    def test_activated_before_the_billing_date_waits_for_it(self):
        with freeze_time("2026-01-20 10:00:00"):
            recurring = self._start(start=date(2026, 1, 15))
            recurring.with_user(self.manager).action_suspend("Short pause")
            before = self._cron_triggers()
            recurring.with_user(self.manager).action_activate()
            self.assertFalse(self._cron_triggers() - before, "nothing is due")
            self.assertEqual(recurring.next_payment_date, date(2026, 2, 15))

    def test_complete_early(self):
        recurring = self._start(start=date(2026, 1, 15))
        recurring.with_user(self.manager).action_complete("Moved abroad")
        self.assertEqual(recurring.state, "completed")
        self.assertEqual(recurring.end_reason, "Moved abroad")
        self.assertFalse(recurring.next_payment_date)
        self.assertIn("complete", self._client_mails(recurring)[:1].subject)
        with freeze_time("2026-06-01"):
            self.assertFalse(self._charge_due())

    def test_complete_a_suspended_or_failed_order(self):
        suspended = self._start(start=date(2026, 1, 15))
        suspended.with_user(self.manager).action_suspend("Pause")
        suspended.with_user(self.manager).action_complete("Stopped for good")
        self.assertEqual(suspended.state, "completed")
        failed = self._start(start=date(2026, 1, 15))
        failed.sudo()._register_failure("Declined", hard=True)
        failed.with_user(self.manager).action_complete("Client left")
        self.assertEqual(failed.state, "completed")

    def test_activate_failed_order_needs_a_valid_card(self):
        recurring = self._start(start=date(2026, 1, 15))
        recurring.sudo()._register_failure("Your card was declined.", hard=True)
        self.token.active = False
        with self.assertRaisesRegex(UserError, "valid card"):
            recurring.with_user(self.manager).action_activate()
        self.assertEqual(recurring.state, "failed")
        recurring.sudo().payment_token_id = self._create_token(self.client_partner, "pm_new", "5555")
        recurring.with_user(self.manager).action_activate()
        self.assertEqual(recurring.state, "active")
        self.assertEqual(recurring.retry_count, 0)

    def test_bad_transitions_change_nothing(self):
        completed = self._start(start=date(2026, 1, 15))
        completed.with_user(self.manager).action_complete("Done")
        for action in (
            lambda: completed.with_user(self.manager).action_suspend("Pause"),
            lambda: completed.with_user(self.manager).action_activate(),
            lambda: completed.with_user(self.manager).action_complete("Again"),
            lambda: completed._client_pause(self.client_partner),
        ):
            with self.subTest(action=action), self.assertRaises(UserError):
                action()
        self.assertEqual(completed.state, "completed")
        active = self._start(start=date(2026, 1, 15))
        with self.assertRaisesRegex(UserError, "only a suspended or failed"):
            active.with_user(self.manager).action_activate()
        active.sudo().state = "processing"
        with self.assertRaisesRegex(UserError, "Processing"):
            active.with_user(self.manager).action_suspend("Pause")
        with self.assertRaises(UserError):
            active.with_user(self.manager).action_complete("Stop")
        self.assertEqual(active.state, "processing")

    def test_bad_reasons_and_dates_change_nothing(self):
        recurring = self._start(start=date(2026, 1, 15))
        with freeze_time("2026-02-01"):
            for reason, resume_on, message in (
                ("", False, "Give a reason"),
                ("   ", False, "Give a reason"),
                ("a\x00b", False, "plain text"),
                ("x" * 501, False, "under 500"),
                (["list"], False, "plain text"),
                ("Pause", "2026-02-01", "future"),
                ("Pause", "2025-12-31", "future"),
                ("Pause", "2026-13-45", "not a date"),
                ("Pause", "\x00", "not a date"),
                ("Pause", "2099-01-01", "within 5 years"),
            ):
                with self.subTest(reason=reason, resume_on=resume_on), self.assertRaisesRegex(UserError, message):
                    recurring.with_user(self.manager).action_suspend(reason, resume_on)
        self.assertEqual(recurring.state, "active")
        self.assertFalse(recurring.message_ids.tracking_value_ids)

    def test_client_pause_and_resume_follow_the_setting(self):
        recurring = self._start(start=date(2026, 1, 15))
        with self.assertRaisesRegex(UserError, "cannot be paused"):
            recurring._client_pause(self.client_partner)
        self.env["ir.config_parameter"].sudo().set_param("recurring_order.client_can_pause", "True")
        recurring._client_pause(self.client_partner)
        self.assertEqual((recurring.state, recurring.suspended_by), ("suspended", "client"))
        recurring._client_resume(self.client_partner)
        self.assertEqual(recurring.state, "active")
        # a manager's suspension is the manager's to lift
        recurring.with_user(self.manager).action_suspend("Unpaid invoice")
        with self.assertRaisesRegex(UserError, "you paused"):
            recurring._client_resume(self.client_partner)
        self.assertEqual(recurring.state, "suspended")

    def test_client_acts_on_own_orders_only(self):
        other = self._create_portal_client("client_other")
        recurring = self._start(start=date(2026, 1, 15))
        other_token = self._create_token(other.partner_id, "pm_other", "1111")
        self.env["ir.config_parameter"].sudo().set_param("recurring_order.client_can_pause", "True")
        for action in (
            lambda: recurring._client_pause(other.partner_id),
            lambda: recurring._client_change_card(other.partner_id, other_token),
        ):
            with self.assertRaises(MissingError):
                action()
        with self.assertRaisesRegex(UserError, "another customer"):
            recurring._client_change_card(self.client_partner, other_token)
        self.assertEqual((recurring.state, recurring.payment_token_id), ("active", self.token))

    def _create_portal_client(self, login):
        return new_test_user(self.env, login=login, groups="base.group_portal")


@tagged("post_install", "-at_install")
class TestRecurringProduct(RecurringOrderCommon):
    def test_recurring_product_needs_an_interval(self):
        for values in (
            {"recurring_interval_number": 0},
            {"recurring_interval_number": -1},
            {"recurring_interval_unit": False},
            {"recurring_interval_number": 101},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError), self.cr.savepoint():
                self.plan.write(values)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.plan.recurring_payment_count = 1
        self.plan.is_recurring = False
        self.plan.recurring_interval_number = 0  # not recurring: no interval needed

    def test_checkout_requires_saving_the_card(self):
        Provider = self.env["payment.provider"]
        order = self._create_order(self.plan, confirm=False)
        self.assertTrue(Provider._is_tokenization_required(sale_order_id=order.id))
        plain = self._create_order(self.product_a, confirm=False)
        self.assertFalse(Provider._is_tokenization_required(sale_order_id=plain.id))
        self.assertFalse(Provider._is_tokenization_required())
        self.assertFalse(Provider._is_tokenization_required(sale_order_id=2**31 + 5))
        providers = Provider.sudo()._get_compatible_providers(
            self.company.id, self.client_partner.id, 100.0, sale_order_id=order.id
        )
        self.assertTrue(providers)
        self.assertTrue(all(providers.mapped("allow_tokenization")))

    def test_paid_order_starts_the_recurring_order_once(self):
        order = self._create_order(self.plan, confirm=False, quantity=2)
        order.order_line.create({"order_id": order.id, "product_id": self.product_a.id})
        tx = self.env["payment.transaction"].create(
            {
                "provider_id": self.stripe_provider.id,
                "payment_method_id": self.card_method.id,
                "reference": "S-initial",
                "amount": order.amount_total,
                "currency_id": order.currency_id.id,
                "partner_id": self.client_partner.id,
                "operation": "online_direct",
                "token_id": self.token.id,
                "sale_order_ids": [(6, 0, order.ids)],
            }
        )
        tx._set_done()
        tx._finalize_post_processing()
        self.assertEqual(order.state, "sale")
        recurring = order.started_recurring_order_ids
        self.assertEqual(len(recurring), 1, "one recurring order for the recurring line")
        self.assertEqual(recurring.state, "active")
        self.assertEqual(recurring.payment_token_id, self.token)
        self.assertEqual((recurring.quantity, recurring.amount, recurring.price_unit), (2, 200.0, 100.0))
        self.assertEqual(
            (recurring.interval_number, recurring.interval_unit, recurring.payment_count), (1, "month", 12)
        )
        self.assertEqual(recurring.expert_id, self.expert_a)
        self.assertEqual(recurring.payments_done, 1)
        self.assertTrue(recurring.name.startswith("RO"))
        self.assertEqual(recurring.next_payment_date, recurring._billing_date(1))
        # the product changes later: the order keeps what was sold
        self.plan.write({"recurring_interval_unit": "week", "list_price": 10.0})
        self.assertEqual((recurring.interval_unit, recurring.price_unit), ("month", 100.0))
        # post-processed again (the client's page and the cron race): still one
        tx._reconcile_after_done()
        self.assertEqual(len(order.started_recurring_order_ids), 1)
        self.assertEqual(order.recurring_order_count, 1)
