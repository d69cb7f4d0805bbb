from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSessionDemo(TransactionCase):
    def test_demo_packages_and_paid_order(self):
        for expert in ("olivia", "daniel"):
            packages = self.env["product.template"].search(
                [
                    ("expert_id", "=", self.env.ref(f"expert_base.user_expert_{expert}").id),
                    ("is_session_package", "=", True),
                ]
            )
            self.assertEqual(sorted(packages.mapped("session_count")), [1, 5, 12])
            self.assertTrue(all(packages.mapped("session_availability_id")))
        order = self.env.ref("session_booking.sale_order_emma_demo")
        self.assertEqual(order.state, "sale")
        self.assertTrue(order._session_is_paid())
        self.assertEqual(order.fulfillment_state, "processing")
        self.assertEqual(sorted(order.session_booking_ids.mapped("state")), ["booked", "booked", "done"])
        self.assertTrue(all(order.session_booking_ids.filtered(lambda b: b.state == "booked").mapped("videocall_url")))
