from freezegun import freeze_time

from odoo import Command

from odoo.addons.session_booking.tests.common import MONDAY, SessionBookingCommon

NOW = MONDAY.replace(hour=6)


class PenaltyCommon(SessionBookingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env["session.cancellation.policy"].create(
            {
                "name": "24h, 15.00",
                "late_window_hours": 24,
                "fee_type": "fixed",
                "fee_amount": 15.0,
                "no_show_fee": 20.0,
                "grace_minutes": 3,
                "currency_id": cls.env.company.currency_id.id,
            }
        )
        cls.package.cancellation_policy_id = cls.policy
        # Tuesday 9:00 Brussels (08:00 UTC), 26 hours after NOW
        cls.tuesday_9 = cls._utc(MONDAY.replace(day=8, hour=9))
        cls.penalty_product = cls.env.ref("session_booking_penalty.product_late_cancellation_fee")
        cls.no_show_product = cls.env.ref("session_booking_penalty.product_no_show_fee")
        # untaxed fees unless a test gives them a tax (the company's default
        # sale tax would otherwise apply)
        (cls.penalty_product | cls.no_show_product).taxes_id = [Command.clear()]

    def _booked(self, line=None, start=None):
        with freeze_time(NOW):
            line = line or self._paid_package_line()
            return line._session_book(start or self.tuesday_9)
