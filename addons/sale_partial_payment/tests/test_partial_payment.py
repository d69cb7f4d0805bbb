from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.session_booking.tests.common import MONDAY
from odoo.addons.website.tools import MockRequest

from .common import PartialPaymentCommon


@tagged("post_install", "-at_install")
class TestPartialPayment(PartialPaymentCommon):
    def _invoices(self, order):
        return order.invoice_ids.filtered(lambda move: move.move_type == "out_invoice" and move.state == "posted")

    def test_first_part_confirms_invoices_and_unlocks_one_credit(self):
        order = self._partial_order()
        self.assertTrue(order.allow_partial_payment)
        self.assertEqual(order.partial_payment_state, "open")
        self.assertAlmostEqual(order.prepayment_percent, 0.25)
        self._online_payment(order, 100.0)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.amount_paid, 100.0)
        invoices = self._invoices(order)
        self.assertEqual(len(invoices), 1)
        self.assertEqual(invoices.amount_total, 100.0)
        self.assertEqual(invoices.payment_state in ("paid", "in_payment"), True)
        line = order.order_line.filtered("is_session_package")
        self.assertEqual(line.session_unlocked, 1)
        self.assertEqual(order.partial_amount_remaining, 300.0)
        self.assertEqual(order.partial_next_amount, 100.0)
        self.assertEqual(order.sale_status, "open")
        self.assertEqual(order.payment_type, "partial")

    def test_parts_invoice_each_increment_and_last_is_final(self):
        order = self._partial_order()
        self._online_payment(order, 150.0)  # more than the minimum first part
        line = order.order_line.filtered("is_session_package")
        self.assertEqual(line.session_unlocked, 1)  # floor(4 * 150 / 400)
        self._online_payment(order, 100.0)
        self.assertEqual(line.session_unlocked, 2)  # floor(4 * 250 / 400)
        self.assertEqual(sorted(self._invoices(order).mapped("amount_total")), [100.0, 150.0])
        self._online_payment(order, 150.0)
        invoices = self._invoices(order)
        self.assertEqual(sorted(invoices.mapped("amount_total")), [100.0, 150.0, 150.0])
        self.assertEqual(sum(invoices.mapped("amount_total")), order.amount_total)
        self.assertTrue(all(move.payment_state in ("paid", "in_payment") for move in invoices))
        self.assertEqual(line.session_unlocked, 4)
        self.assertEqual(order.partial_amount_remaining, 0.0)
        self.assertFalse(order.partial_next_amount)

    def test_payment_above_remaining_is_refused(self):
        order = self._partial_order()
        self._online_payment(order, 100.0)
        with self.assertRaisesRegex(UserError, "more than what remains"):
            self._online_payment(order, 300.01)
        self.assertEqual(order.amount_paid, 100.0)
        with self.assertRaisesRegex(UserError, "more than what remains"):
            order._partial_take_manual_payment(400.0, self.journal, "cheque 12")
        self.assertEqual(len(self._invoices(order)), 1)

    def test_manual_payment_shows_in_the_drill_down(self):
        order = self._partial_order()
        self._online_payment(order, 100.0)
        payment = order.with_user(self.platform_manager)._partial_take_manual_payment(
            100.0, self.journal, "Cheque 4711"
        )
        self.assertEqual(payment.partial_comment, "Cheque 4711")
        self.assertEqual(order.amount_paid, 200.0)
        self.assertEqual(order.order_line.filtered("is_session_package").session_unlocked, 2)
        rows = self.env["sale.order.payment"].search([("order_id", "=", order.id)])
        self.assertEqual(len(rows), 2)
        manual = rows.filtered(lambda row: row.kind == "manual")
        self.assertEqual(manual.comment, "Cheque 4711")
        self.assertEqual(manual.money_credited, 100.0)
        self.assertEqual(manual.payment_percent, 25.0)
        self.assertEqual(manual.invoice_id, payment.partial_invoice_id)
        online = rows - manual
        # demo provider: 2 % + 0.30 by the operator's rule
        self.assertEqual(online.provider_fee, 2.30)
        self.assertEqual(online.money_credited, 97.70)
        self.assertFalse(online.paid_in_one_click)
        self.assertEqual(online.state, "done")

    def test_staff_charge_the_saved_card(self):
        order = self._partial_order(confirm=True)
        tx = order.with_user(self.platform_manager)._partial_charge_token(self.token, 100.0)
        self.assertEqual(tx.state, "done")
        self.assertEqual(order.amount_paid, 100.0)
        row = self.env["sale.order.payment"].search([("transaction_id", "=", tx.id)])
        self.assertTrue(row.paid_in_one_click)
        self.assertEqual(row.provider_id, self.provider)
        self.assertEqual(row.invoice_id, self._invoices(order))
        other = self.env["res.partner"].create({"name": "Someone else"})
        foreign = self.token.copy({"partner_id": other.id, "provider_ref": "other"})
        with self.assertRaises(AccessError):
            order.with_user(self.platform_manager)._partial_charge_token(foreign, 100.0)

    def test_confirm_writes_off_the_rest_with_a_credit_note(self):
        order = self._partial_order()
        self._online_payment(order, 100.0)
        with self.assertRaises(AccessError):
            order.with_user(self.expert_a)._partial_confirm("kind")
        with self.assertRaisesRegex(UserError, "written off"):
            order.with_user(self.platform_manager)._partial_confirm()
        order.with_user(self.platform_manager)._partial_confirm("Loyal client")
        self.assertEqual(order.partial_payment_state, "confirmed")
        self.assertEqual(order.sale_status, "completed")
        self.assertEqual(order.order_line.filtered("is_session_package").session_unlocked, 4)
        credit_note = order.invoice_ids.filtered(lambda move: move.move_type == "out_refund")
        self.assertEqual(credit_note.amount_total, 300.0)
        self.assertIn("Loyal client", credit_note.ref)
        self.assertTrue(order.message_ids.filtered(lambda m: "is complete" in (m.subject or "") + str(m.body)))
        with self.assertRaisesRegex(UserError, "already"):
            order.with_user(self.platform_manager)._partial_confirm("again")
        with self.assertRaisesRegex(UserError, "already"):
            order.with_user(self.platform_manager)._partial_reject("again")
        with self.assertRaisesRegex(UserError, "complete"):
            self._online_payment(order, 100.0)

    def test_reject_refunds_and_withdraws_unbooked_credits(self):
        order = self._partial_order()
        self._online_payment(order, 200.0)
        line = order.order_line.filtered("is_session_package")
        self.assertEqual(line.session_unlocked, 2)
        with self.assertRaisesRegex(UserError, "more than what was paid"):
            order.with_user(self.platform_manager)._partial_reject("No more", refund_amount=200.01)
        self.assertEqual(order.partial_payment_state, "open")
        order.with_user(self.platform_manager)._partial_reject("Client moved abroad", refund_amount=150.0)
        self.assertEqual(order.partial_payment_state, "rejected")
        self.assertEqual(order.sale_status, "refund")
        self.assertEqual(line.session_unlocked, 0)
        self.assertIn("rejected", line._session_bookable_error())
        refund = order.transaction_ids.child_transaction_ids.filtered(lambda tx: tx.operation == "refund")
        self.assertEqual(refund.amount, -150.0)
        self.assertEqual(refund.state, "done")
        credit_note = order.invoice_ids.filtered(lambda move: move.move_type == "out_refund")
        self.assertEqual(credit_note.amount_total, 150.0)
        rows = self.env["sale.order.payment"].search([("order_id", "=", order.id)])
        self.assertEqual(sorted(rows.mapped("kind")), ["online", "refund"])
        with self.assertRaisesRegex(UserError, "rejected"):
            self._online_payment(order, 100.0)
        with self.assertRaisesRegex(UserError, "rejected"):
            order._partial_take_manual_payment(100.0, self.journal)

    @freeze_time(MONDAY)
    def test_booking_a_locked_credit_is_refused(self):
        order = self._partial_order()
        self._online_payment(order, 100.0)
        line = order.order_line.filtered("is_session_package")
        slots = line._session_get_free_slots(MONDAY, MONDAY.replace(day=14))
        line.with_user(self.client_user).sudo()._session_book(slots[0])
        self.assertEqual(line.session_used, 1)
        error = line._session_bookable_error()
        self.assertIn("1 of the 4 sessions", error)
        with self.assertRaisesRegex(UserError, "next part unlocks more"):
            line.with_user(self.client_user).sudo()._session_book(slots[1])
        self.assertEqual(line.session_used, 1)
        self._online_payment(order, 100.0)
        line.with_user(self.client_user).sudo()._session_book(slots[1])
        self.assertEqual(line.session_used, 2)

    def test_unpaid_partial_order_is_not_bookable(self):
        order = self._partial_order(confirm=True)
        line = order.order_line.filtered("is_session_package")
        self.assertEqual(line.session_unlocked, 0)
        self.assertIn("not paid yet", line._session_bookable_error())

    def test_full_orders_keep_their_rules(self):
        order = self._create_order(self.package)
        self.assertFalse(order.allow_partial_payment)
        self.assertEqual(order.payment_type, "full")
        self.assertEqual(order.sale_status, "open")
        self._pay(order)
        self.assertEqual(order.sale_status, "completed")
        line = order.order_line
        self.assertEqual(line.session_unlocked, line.session_total)

    def test_partial_fields_are_not_written_by_callers(self):
        order = self._partial_order()
        with self.assertRaises(AccessError):
            order.with_user(self.platform_manager).write({"partial_payment_state": "confirmed"})
        with self.assertRaises(AccessError):
            self.partial_package.product_tmpl_id.with_user(self.expert_a).write({"partial_first_percent": 1.0})

    def test_staff_pay_an_open_invoice_from_its_form(self):
        order = self._create_order(self.package)
        invoice = self._invoice_order(order)
        total = invoice.amount_total
        action = invoice.with_user(self.expert_a).action_partial_take_payment()
        wizard = self.env["sale.partial.payment.take"].with_user(self.expert_a).browse(action["res_id"])
        self.assertEqual((wizard.order_id, wizard.invoice_id), (order, invoice))
        self.assertEqual(wizard.amount, total)
        wizard.write({"amount": total + 1, "comment": "Cheque 88"})
        with self.assertRaisesRegex(UserError, "more than what remains to pay on"):
            wizard.action_take()
        self.assertEqual(invoice.payment_state, "not_paid")
        wizard.amount = 40.0
        wizard.action_take()
        self.assertEqual(invoice.amount_residual, total - 40.0)
        rows = self.env["sale.order.payment"].search([("order_id", "=", order.id)])
        self.assertEqual(
            (rows.kind, rows.invoice_id, rows.comment, rows.amount), ("manual", invoice, "Cheque 88", 40.0)
        )
        # the client calls with the card for the rest: it pays the same invoice
        action = invoice.with_user(self.expert_a).action_partial_take_payment()
        wizard = self.env["sale.partial.payment.take"].with_user(self.expert_a).browse(action["res_id"])
        self.assertEqual(wizard.amount, total - 40.0)
        wizard.write({"method": "token", "token_id": self.token.id})
        wizard.action_take()
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(order.invoice_ids, invoice, "no other invoice was made for the payments")
        self.assertEqual(order.amount_paid, order.amount_total)
        rows = self.env["sale.order.payment"].search([("order_id", "=", order.id), ("kind", "=", "online")])
        self.assertTrue(rows.paid_in_one_click)
        self.assertEqual(rows.invoice_id, invoice)
        # nothing left on the invoice: the form refuses a further payment of it
        with self.assertRaisesRegex(UserError, "more than what remains"):
            order.with_user(self.expert_a)._partial_take_manual_payment(1.0, self.journal, invoice=invoice)

    def test_invoice_form_payment_refuses_other_invoices_and_drafts(self):
        order = self._create_order(self.package)
        other_invoice = self._invoice_order(self._create_order(self.package))
        with self.assertRaisesRegex(UserError, "is not an open invoice of"):
            order.with_user(self.expert_a)._partial_take_manual_payment(10.0, self.journal, invoice=other_invoice)
        with self.assertRaisesRegex(UserError, "is not an open invoice of"):
            order.with_user(self.expert_a)._partial_charge_token(self.token, 10.0, invoice=other_invoice)
        self.assertEqual(other_invoice.payment_state, "not_paid")
        self.assertFalse(order.invoice_ids)
        draft = order._create_invoices()
        with self.assertRaisesRegex(UserError, "not a posted invoice of an order"):
            draft.with_user(self.expert_a).action_partial_take_payment()

    def test_paid_part_invoice_form_takes_the_next_part(self):
        order = self._partial_order()
        self._online_payment(order, 100.0)
        invoice = self._invoices(order)
        action = invoice.with_user(self.platform_manager).action_partial_take_payment()
        wizard = self.env["sale.partial.payment.take"].with_user(self.platform_manager).browse(action["res_id"])
        self.assertFalse(wizard.invoice_id)
        self.assertEqual((wizard.order_id, wizard.amount), (order, 100.0))
        wizard.action_take()
        self.assertEqual(order.amount_paid, 200.0)
        self.assertEqual(len(self._invoices(order)), 2)

    def test_client_chooses_the_amount_of_a_free_part(self):
        order = self._create_order(self._free_amounts_package(), confirm=False)
        order.action_quotation_sent()
        self.assertTrue(order._partial_free_amounts())
        self.assertTrue(order._partial_client_can_pay())
        self.assertEqual(order._partial_min_part_amount(), 100.0)
        refusals = {
            "99.99": "at least",
            "400.01": "more than what remains",
            "abc": "as a number",
            "12.345": "as a number",
            "1e3": "as a number",
            "": "as a number",
            None: "as a number",
            "1\x0000": "not allowed",
            "-150": "positive",
            "9" * 40: "as a number",
        }
        for text, message in refusals.items():
            with self.subTest(text=text), self.assertRaisesRegex(UserError, message):
                order._partial_client_part_url(text)
        self.assertFalse(order.transaction_ids)
        with MockRequest(self.env):
            url = order._partial_client_part_url(" 150,50 ")
        self.assertIn(f"sale_order_id={order.id}&amount=150.5&", url)
        self._online_payment(order, 150.5)
        self.assertEqual(order.state, "sale")
        # the next part: at least the minimum, at most what remains
        self.assertEqual(order._partial_min_part_amount(), 100.0)
        with self.assertRaisesRegex(UserError, "more than what remains"):
            order._partial_client_part_url("249.51")
        with MockRequest(self.env):
            self.assertIn("amount=249.5&", order._partial_client_part_url("249.50"))
        self._online_payment(order, 200.0)
        # less than the minimum remains: the rest is the least part
        self.assertEqual(order._partial_min_part_amount(), 49.5)
        with MockRequest(self.env):
            self.assertIn("amount=49.5&", order._partial_client_part_url("49.5"))
        self._online_payment(order, 49.5)
        self.assertFalse(order._partial_client_can_pay())
        with self.assertRaisesRegex(UserError, "no payment of an amount you choose"):
            order._partial_client_part_url("10")

    def test_fixed_parts_take_no_free_amount(self):
        order = self._partial_order()
        order.action_quotation_sent()
        self.assertFalse(order._partial_free_amounts())
        with self.assertRaisesRegex(UserError, "no payment of an amount you choose"):
            order._partial_client_part_url("150")
        with MockRequest(self.env):
            self.assertIn("amount=100.0&", order._partial_pay_url(order._partial_first_amount()))
