from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.session_booking.tests.common import WriteQueriesMixin

from .common import NOW, PenaltyCommon

# Queries of one late cancellation by the client (lock, checks, session,
# meeting archived, penalty invoice created, posted and queued, the notices
# and notes) above Odoo's own create + post + queue of the same invoice: the
# cancellation anchor of scripts/bench. Modules adding to a cancellation
# count in.
LATE_CANCEL_OVER_INVOICE = 60


@tagged("post_install", "-at_install")
class TestCancellationQueryBudget(WriteQueriesMixin, PenaltyCommon):
    def _stock_invoice(self, booking):
        """What Odoo does for the same invoice made by hand and sent with
        Send & Print: create, post, store the sending values, wake the cron."""
        values = booking._prepare_penalty_invoice_values("late")
        for key in ("session_booking_id", "session_penalty_kind"):
            values.pop(key)
        move = self.env["account.move"].create(values)
        move.action_post()
        move.send_and_print_values = {
            "mail_template_id": self.env.ref("account.email_template_edi_invoice").id,
            "sp_partner_id": booking.expert_id.partner_id.id,
            "sp_user_id": booking.expert_id.id,
            "download": False,
            "send_mail": True,
        }
        self.env.ref("account.ir_cron_account_move_send")._trigger()
        return move

    def test_late_cancellation_costs_the_invoice_it_wraps_and_a_bounded_overhead(self):
        with freeze_time(NOW):
            line = self._paid_package_line(quantity=2).with_env(self.env)
        bookings = [self._booked(line, self.tuesday_9 + timedelta(hours=hours)) for hours in (0, 1, 2, 4)]
        with freeze_time(self.tuesday_9 - timedelta(hours=2)):
            # warm: the ormcaches of both paths, as in a server that served them
            bookings[0]._cancel("client", "Warm")
            self._stock_invoice(bookings[2])
            _done, ours = self._queries(lambda: bookings[1]._cancel("client", "Something came up"))
            _move, stock = self._queries(lambda: self._stock_invoice(bookings[3]))
        self.assertEqual(bookings[1].state, "late_cancelled")
        self.assertEqual(bookings[1].penalty_move_id.state, "posted")
        self.assertLessEqual(
            ours - stock, LATE_CANCEL_OVER_INVOICE, f"late cancellation: {ours} queries, stock invoice: {stock}"
        )
