from odoo.tests import HttpCase, tagged

from .common import CustomerLifecycleCommon


@tagged("post_install", "-at_install")
class TestCustomerTour(CustomerLifecycleCommon, HttpCase):
    def test_manager_invoices_and_terminates(self):
        self.start_tour(
            "/web#action=customer_lifecycle.res_partner_customer_action",
            "customer_lifecycle_tour",
            login="platform_manager",
            timeout=180,
        )
        self.assertEqual(self.customer.customer_status, "terminated")
        self.assertEqual(self.customer.customer_status_reason, "Moved abroad")
        self.assertEqual(self.customer.customer_status_user_id, self.manager)
        self.assertEqual(self.recurring.state, "completed")
        invoices = self.env["account.move"].search(
            [("partner_id", "=", self.customer.id), ("move_type", "=", "out_invoice"), ("state", "=", "posted")]
        )
        self.assertTrue(invoices.filtered(lambda move: move.create_uid == self.manager))
