from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import MONDAY, SessionBookingCommon


@tagged("post_install", "-at_install")
@freeze_time(MONDAY.replace(hour=6))
class TestPackageTerms(SessionBookingCommon):
    def test_terms_frozen_at_confirmation(self):
        self.package.session_validity_days = 30
        order = self._create_order(self.package, confirm=False, quantity=2)
        self.assertFalse(order.order_line.is_session_package)
        order.action_confirm()
        line = order.order_line
        self.assertTrue(line.is_session_package)
        self.assertEqual(line.session_total, 10)
        self.assertEqual(line.session_remaining, 10)
        self.assertEqual(line.session_expert_id, self.expert_a)
        self.assertAlmostEqual(line.session_duration, 50 / 60)
        self.assertEqual(line.session_expiry_date, order.date_order + timedelta(days=30))

        # editing or archiving the product never changes what was sold
        self.package.write(
            {
                "session_count": 1,
                "session_duration": 2.0,
                "session_validity_days": 1,
                "expert_id": self.expert_b.id,
            }
        )
        self.package.product_tmpl_id.action_archive()
        line.invalidate_recordset()
        self.assertEqual(line.session_total, 10)
        self.assertAlmostEqual(line.session_duration, 50 / 60)
        self.assertEqual(line.session_expert_id, self.expert_a)
        self.assertEqual(line.session_expiry_date, order.date_order + timedelta(days=30))

    def test_sold_count_warning(self):
        self.assertEqual(self.package.product_tmpl_id.session_sold_count, 0)
        self._create_order(self.package)
        self._create_order(self.package)
        self._create_order(self.package, confirm=False)
        self.package.product_tmpl_id.invalidate_recordset()
        self.assertEqual(self.package.product_tmpl_id.session_sold_count, 2)

    def test_attendee_ceiling(self):
        with self.assertRaises(ValidationError):
            self.package.session_max_attendees = 6
        self.env["ir.config_parameter"].sudo().set_param("session_booking.max_attendees_ceiling", 8)
        self.package.session_max_attendees = 8
        self.assertEqual(self.package.session_max_attendees, 8)

    def test_status_of_unpaid_and_paid_orders(self):
        order = self._create_order(self.package)
        self.assertEqual(order.booking_status, "to_book")
        self.assertEqual(order.fulfillment_state, "pending")
        self._pay(order)
        self.assertEqual(order.fulfillment_state, "paid")
        plain = self._create_order(self.product_a)
        self.assertFalse(plain.booking_status)
        self.assertFalse(plain.has_session_package)
