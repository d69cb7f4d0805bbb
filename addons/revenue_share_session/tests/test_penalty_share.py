from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.session_booking_penalty.tests.common import PenaltyCommon


@tagged("post_install", "-at_install")
class TestPenaltyShare(PenaltyCommon):
    def _late_cancelled(self):
        booking = self._booked()
        with freeze_time(self.tuesday_9 - timedelta(hours=1)):
            self._cancel_as(booking, "client")
        return booking

    def test_penalty_is_shared_with_the_session_expert(self):
        self.env.company.revenue_share_rate = 20.0
        booking = self._late_cancelled()
        move = booking.penalty_move_id
        self.assertFalse(self.penalty_product.expert_id, "the penalty product is the platform's")
        self.assertRecordValues(
            move.revenue_share_line_ids,
            [
                {
                    "expert_id": self.expert_a.id,
                    "product_id": self.penalty_product.id,
                    "base_amount": 15.0,
                    "expert_amount": 12.0,
                    "platform_amount": 3.0,
                    "rate": 20.0,
                }
            ],
        )
        # the package itself was shared too, with the same expert
        package_lines = booking.sale_order_id.invoice_ids.revenue_share_line_ids
        self.assertEqual(package_lines.expert_id, self.expert_a)

    def test_waived_unpaid_penalty_cancels_its_share(self):
        booking = self._late_cancelled()
        line = booking.penalty_move_id.revenue_share_line_ids
        booking._waive_penalty("Goodwill")
        self.assertEqual(booking.penalty_move_id.state, "cancel")
        self.assertEqual(line.state, "cancelled")

    def test_waived_settled_penalty_gives_negative_share(self):
        self.env.company.revenue_share_settle_on = "posted"
        booking = self._late_cancelled()
        move = booking.penalty_move_id
        date = move.invoice_date
        settlement = self.env["revenue.share.settlement"]._settle_period(date, date, experts=self.expert_a)
        self.assertIn(move.revenue_share_line_ids, settlement.line_ids)
        booking._waive_penalty("Goodwill")
        refund = self.env["account.move"].search([("reversed_entry_id", "=", move.id)])
        self.assertEqual(refund.state, "posted", "settled: waived by credit note, not by cancelling")
        self.assertRecordValues(
            refund.revenue_share_line_ids,
            [{"expert_id": self.expert_a.id, "base_amount": -15.0, "expert_amount": -12.0}],
        )
