"""The fee announced is the fee charged (issue 15.2), and no-shows say so
everywhere (issue 14.4)."""

import re
from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import html2plaintext

from .common import PenaltyCommon


@tagged("post_install", "-at_install")
class TestPenaltyFee(PenaltyCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vat_15 = cls.env["account.tax"].create({"name": "VAT 15", "amount": 15, "type_tax_use": "sale"})
        cls.vat_21 = cls.env["account.tax"].create({"name": "VAT 21", "amount": 21, "type_tax_use": "sale"})
        (cls.penalty_product | cls.no_show_product).taxes_id = [Command.set(cls.vat_15.ids)]

    def _late(self):
        return self.tuesday_9 - timedelta(hours=1)

    def test_preview_is_the_invoice_total_with_a_taxed_penalty_product(self):
        booking = self._booked()
        with freeze_time(self._late()):
            preview = booking._portal_cancel_preview()
            self._cancel_as(booking, "client")
        self.assertEqual(preview["fee"], 17.25)
        self.assertEqual((preview["fee_untaxed"], preview["fee_tax"]), (15.0, 2.25))
        self.assertEqual(booking.penalty_move_id.amount_total, preview["fee"])
        self.assertEqual(booking.penalty_move_id.amount_tax, preview["fee_tax"])

    def test_preview_follows_the_fiscal_position_and_rounding(self):
        position = self.env["account.fiscal.position"].create(
            {
                "name": "Abroad",
                "tax_ids": [Command.create({"tax_src_id": self.vat_15.id, "tax_dest_id": self.vat_21.id})],
            }
        )
        self.policy.write({"fee_type": "percent", "fee_amount": 33})
        with freeze_time(self._late() - timedelta(days=1)):
            line = self._paid_package_line()
        line.order_id.fiscal_position_id = position
        booking = self._booked(line=line)
        with freeze_time(self._late()):
            preview = booking._portal_cancel_preview()
            self._cancel_as(booking, "client")
        move = booking.penalty_move_id
        # 250.00 / 5 sessions = 50.00; 33 % = 16.50; 21 % VAT = 3.465 -> 3.47
        self.assertEqual(move.amount_total, 19.97)
        self.assertEqual(preview["fee"], move.amount_total)
        self.assertEqual(move.invoice_line_ids.tax_ids, self.vat_21)

    def test_portal_shows_the_fee_with_taxes(self):
        booking = self._booked()
        self.authenticate("client_a", "client_a")
        with freeze_time(self._late()):
            page = self.url_open(booking.access_url).text
        fee = re.sub(r"\s+", " ", page.split("o_session_cancel_late")[1].split("</p>")[0])
        self.assertIn("17.25", fee)
        self.assertIn("taxes included", fee)

    def test_no_show_invoice_says_no_show_everywhere(self):
        booking = self._booked()
        with freeze_time(booking.start + timedelta(minutes=10)):
            booking.action_mark_no_show()
        move = booking.penalty_move_id
        self.assertEqual(move.ref, f"No-show: {booking.name}")
        self.assertEqual(move.session_penalty_kind, "no_show")
        self.assertEqual(move.invoice_line_ids.product_id, self.no_show_product)
        self.assertIn("No-show fee", move.invoice_line_ids.name)
        self.assertIn("No-show: missed session", move.invoice_line_ids.name)
        self.assertNotIn("Late cancellation", move.invoice_line_ids.name)
        self.assertIn("No-show fee", booking.message_ids[0].body)
        # the invoice mail (Send & Print) states the reference; its subject
        # names only the invoice (issue 21: it shows on a lock screen)
        self.env.ref("account.ir_cron_account_move_send").method_direct_trigger()
        mail = move.message_ids.filtered(lambda message: message.message_type == "comment")[:1]
        self.assertEqual(mail.subject, f"Invoice {move.name}")
        self.assertIn("You did not join session", mail.body)
        self.assertIn(booking.name, mail.body)
        self.assertIn("no-show fee", mail.body)
        self.assertNotIn("Late cancellation", mail.body)
        self.authenticate("client_a", "client_a")
        page = re.sub(r"\s+", " ", self.url_open(booking.access_url).text)
        self.assertIn("No-show fee", page)
        self.assertNotIn("Late cancellation fee", page)

    def test_late_cancellation_says_so_and_the_notice_states_the_fee(self):
        booking = self._booked()
        with freeze_time(self._late()):
            self._cancel_as(booking, "client", reason="Traffic")
        self.assertEqual(booking.penalty_move_id.session_penalty_kind, "late")
        notices = booking.message_ids.filtered(lambda message: "was cancelled" in message.body)
        self.assertTrue(notices)
        for notice in notices:
            text = " ".join(html2plaintext(notice.body).replace("\xa0", " ").split())
            self.assertIn("Late cancellation fee: $ 17.25", text)
            self.assertIn(booking.penalty_move_id.name, text)
