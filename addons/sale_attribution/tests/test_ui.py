from odoo.tests import HttpCase, tagged

from .common import AttributionCommon


@tagged("post_install", "-at_install")
class TestAttributionUi(AttributionCommon, HttpCase):
    def test_check_from_the_all_orders_list(self):
        partner = self.env["res.partner"].create({"name": "Tour Check Client", "email": "check@example.com"})
        self._plan(self.package, partner=partner)
        order = self._paid_order(self.package, partner=partner)
        self.assertEqual(order.sales_manager_id, self.sales_user)
        self.start_tour(
            "/web#action=sale_partial_payment.sale_order_action_desk",
            "sale_attribution_check_tour",
            login="platform_manager",
        )
        order.invalidate_recordset()
        self.assertTrue(order.sale_confirmed)
        self.assertEqual(order.sales_manager_id, self.sales_user_2)
        self.assertEqual(order.sale_confirmed_by_id.login, "platform_manager")
