from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import NOW, PenaltyCommon


@tagged("post_install", "-at_install")
class TestCancellation(PenaltyCommon):
    def test_on_time_cancellation_is_free(self):
        booking = self._booked()
        with freeze_time(NOW + timedelta(minutes=30)):
            self.assertFalse(booking._portal_cancel_preview()["late"])
            self._cancel_as(booking, "client")
        self.assertEqual(booking.state, "cancelled")
        self.assertFalse(booking.penalty_move_id)
        self.assertEqual(booking.sale_line_id.session_remaining, 5)

    def test_late_cancellation_invoices_a_penalty(self):
        booking = self._booked()
        late = self.tuesday_9 - timedelta(hours=1)
        with freeze_time(late):
            preview = booking._portal_cancel_preview()
            self.assertTrue(preview["late"])
            self.assertEqual(preview["fee"], 15.0)
            self._cancel_as(booking, "client", reason="Overslept")
        self.assertEqual(booking.state, "late_cancelled")
        self.assertTrue(booking.is_late_cancellation)
        move = booking.penalty_move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.move_type, "out_invoice")
        self.assertEqual(move.ref, f"Penalty: {booking.name}")
        self.assertEqual(move.invoice_origin, booking.sale_order_id.name)
        self.assertEqual(move.session_booking_id, booking)
        self.assertEqual(move.session_sale_order_id, booking.sale_order_id)
        self.assertEqual(move.partner_id, self.client_partner)
        self.assertEqual(move.invoice_user_id, self.expert_a)
        self.assertEqual(move.amount_untaxed, 15.0)
        self.assertEqual(move.invoice_date_due, move.invoice_date)
        self.assertEqual(move.invoice_line_ids.product_id, self.penalty_product)
        self.assertIn(booking.name, move.invoice_line_ids.name)
        self.assertEqual(move.invoice_line_ids.account_id, self.env.company.session_penalty_account_id)
        self.assertEqual(move.invoice_line_ids.account_id.account_type, "income_other")
        self.assertEqual(booking.sale_line_id.session_used, 1, "a late cancellation uses the credit")
        self.assertEqual(booking.sale_order_id.session_cancellation_ids, booking)
        # the expert sees the penalty (invoice salesperson)
        self.assertTrue(move.with_user(self.expert_a).read(["name"]))
        # cancelling again changes nothing
        with freeze_time(late), self.assertRaises(UserError):
            self._cancel_as(booking, "client")
        self.assertEqual(self.env["account.move"].search_count([("session_booking_id", "=", booking.id)]), 1)

    def test_penalty_invoice_is_mailed_by_the_send_cron(self):
        booking = self._booked()
        with freeze_time(self.tuesday_9 - timedelta(hours=1)):
            self._cancel_as(booking, "client")
        move = booking.penalty_move_id
        # queued: the cancellation does not wait for the PDF
        self.assertFalse(move.is_move_sent)
        self.assertFalse(move.invoice_pdf_report_id)
        self.assertEqual(move.send_and_print_values["sp_partner_id"], self.expert_a.partner_id.id)
        self.env.ref("account.ir_cron_account_move_send").method_direct_trigger()
        self.assertTrue(move.is_move_sent)
        self.assertFalse(move.send_and_print_values)
        self.assertTrue(move.invoice_pdf_report_id)
        mail = move.message_ids.filtered(lambda message: message.message_type == "comment")[:1]
        self.assertEqual(mail.author_id, self.expert_a.partner_id, "sent in the expert's name")
        self.assertIn(self.client_partner, mail.partner_ids)
        self.assertIn(move.invoice_pdf_report_id.name, mail.attachment_ids.mapped("name"))

    def test_grace_period_after_booking_is_free(self):
        self.policy.late_window_hours = 48
        booking = self._booked()
        with freeze_time(NOW + timedelta(minutes=2)):
            self._cancel_as(booking, "client")
        self.assertEqual(booking.state, "cancelled")
        other = self._booked(start=self.tuesday_9 + timedelta(hours=1))
        with freeze_time(NOW + timedelta(minutes=4)):
            self._cancel_as(other, "client")
        self.assertEqual(other.state, "late_cancelled")

    def test_expert_and_platform_cancel_for_free(self):
        for cancelled_by in ("expert", "platform"):
            booking = self._booked()
            with freeze_time(self.tuesday_9 - timedelta(minutes=30)):
                self._cancel_as(booking, cancelled_by, reason="Expert ill")
            self.assertEqual(booking.state, "cancelled")
            self.assertFalse(booking.penalty_move_id)
            self.assertIn("Expert ill", booking.message_ids[0].body)
            self.assertIn(self.client_partner, booking.message_ids[0].partner_ids)

    def test_percent_fee_with_taxes_and_credit_kept(self):
        tax = self.env["account.tax"].create({"name": "VAT 21", "amount": 21, "type_tax_use": "sale"})
        self.penalty_product.taxes_id = [Command.set(tax.ids)]
        self.policy.write({"fee_type": "percent", "fee_amount": 50, "consume_credit_on_late_cancel": False})
        booking = self._booked()  # 250.00 for 5 sessions: 50.00 a session
        with freeze_time(self.tuesday_9 - timedelta(hours=2)):
            self._cancel_as(booking, "client")
        self.assertEqual(booking.penalty_move_id.amount_untaxed, 25.0)
        self.assertEqual(booking.penalty_move_id.amount_tax, 5.25)
        self.assertEqual(booking.sale_line_id.session_remaining, 5, "the policy keeps the credit")

    def test_no_show_fee(self):
        booking = self._booked()
        with freeze_time(booking.start + timedelta(minutes=10)):
            booking.action_mark_no_show()
        self.assertEqual(booking.state, "no_show")
        self.assertEqual(booking.penalty_move_id.ref, f"No-show: {booking.name}")
        self.assertEqual(booking.penalty_move_id.amount_untaxed, 20.0)
        self.assertEqual(booking.sale_line_id.session_used, 1)
        self.assertIn(booking, booking.sale_order_id.session_cancellation_ids)

    def test_no_policy_no_fee(self):
        self.package.cancellation_policy_id = False
        self.env.company.session_default_cancellation_policy_id = False
        booking = self._booked()
        with freeze_time(self.tuesday_9 - timedelta(hours=1)):
            self._cancel_as(booking, "client")
        self.assertEqual(booking.state, "cancelled")
        self.assertFalse(booking.penalty_move_id)

    def test_waive_unpaid_penalty_cancels_it(self):
        booking = self._booked()
        with freeze_time(self.tuesday_9 - timedelta(hours=1)):
            self._cancel_as(booking, "client")
        wizard = (
            self.env["session.penalty.waive.wizard"]
            .with_user(self.expert_a)
            .create({"booking_id": booking.id, "reason": "Family emergency"})
        )
        wizard.action_waive()
        self.assertTrue(booking.penalty_waived)
        self.assertEqual(booking.penalty_move_id.state, "cancel")
        self.assertIn("Family emergency", booking.message_ids[0].body)
        self.assertIn("Family emergency", booking.sale_order_id.message_ids[0].body)
        with self.assertRaises(UserError):
            booking._waive_penalty("again")

    def test_waive_paid_penalty_issues_credit_note(self):
        booking = self._booked()
        with freeze_time(self.tuesday_9 - timedelta(hours=1)):
            self._cancel_as(booking, "client")
        move = booking.penalty_move_id
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=move.ids).create(
            {}
        )._create_payments()
        self.assertIn(move.payment_state, ("paid", "in_payment"))
        with self.assertRaises(UserError):
            booking._waive_penalty("  ")
        booking._waive_penalty("Goodwill")
        refund = self.env["account.move"].search([("reversed_entry_id", "=", move.id)])
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.amount_total, move.amount_total)
        self.assertEqual(refund.session_booking_id, booking)

    def test_policy_frozen_once_sold(self):
        booking = self._booked()
        line = booking.sale_line_id
        self.assertEqual(line.session_cancellation_policy_id, self.policy)
        with self.assertRaises(UserError):
            self.policy.fee_amount = 99.0
        self.policy.name = "Renamed is fine"
        stricter = self.policy.copy({"fee_amount": 40.0})
        self.package.cancellation_policy_id = stricter
        with freeze_time(self.tuesday_9 - timedelta(hours=1)):
            self._cancel_as(booking, "client")
        self.assertEqual(booking.penalty_move_id.amount_untaxed, 15.0)

    @freeze_time(NOW)  # a morning: UTC and the user's time zone share the date
    def test_default_policy_from_settings(self):
        self.env.company.session_default_cancellation_policy_id = self.policy
        product = self.env["product.template"].create({"name": "New package", "is_session_package": True})
        self.assertEqual(product.cancellation_policy_id, self.policy)
        self.assertEqual(fields.Date.today(), fields.Date.context_today(product))

    def test_other_expert_cannot_waive_or_mark_no_show(self):
        booking = self._booked()
        with freeze_time(self.tuesday_9 - timedelta(hours=1)):
            self._cancel_as(booking, "client")
        with self.assertRaises(AccessError):
            self.env["session.penalty.waive.wizard"].with_user(self.expert_b).create(
                {"booking_id": booking.id, "reason": "Not mine"}
            ).action_waive()
        self.assertFalse(booking.penalty_waived)
        other = self._booked(start=self.tuesday_9 + timedelta(hours=1))
        with freeze_time(other.start + timedelta(minutes=5)), self.assertRaises(AccessError):
            other.with_user(self.expert_b).action_mark_no_show()
        self.assertEqual(other.state, "booked")

    def test_demo_policies(self):
        standard = self.env.ref("session_booking_penalty.policy_standard")
        line = self.env.ref("session_booking.sale_order_line_emma_demo")
        self.assertEqual(line.session_cancellation_policy_id, standard)
        packages = self.env["product.template"].search([("is_session_package", "=", True)])
        self.assertTrue(all(packages.mapped("cancellation_policy_id")))
        strict = self.env.ref("session_booking_penalty.policy_strict_demo")
        self.assertEqual(self.env.ref("session_booking.product_package_daniel_12_demo").cancellation_policy_id, strict)
