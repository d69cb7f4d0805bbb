from odoo import Command
from odoo.tests import new_test_user, tagged

from .test_shop_tour import ShopTourCase


@tagged("post_install", "-at_install")
class TestRecurringShopTour(ShopTourCase):
    """A client buys a monthly plan in the shop (the card is saved), finds it
    in the client center and changes its card."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.expert = new_test_user(
            cls.env, login="plan_expert", groups="expert_base.group_expert", tz="Europe/Brussels"
        )
        cls.client = cls._shop_client("plan_client", "Plan Client")
        cls.plan = cls.env["product.template"].create(
            {
                "name": "Tour Monthly Plan",
                "expert_id": cls.expert.id,
                "detailed_type": "service",
                "invoice_policy": "order",
                "list_price": 90.0,
                "taxes_id": [Command.clear()],
                "is_published": True,
                "website_id": cls.website.id,
                "is_session_package": True,
                "session_count": 2,
                "is_recurring": True,
                "recurring_interval_unit": "month",
                "recurring_payment_count": 6,
            }
        )
        cls.provider = cls.env.ref("payment.payment_provider_demo")
        # another card the client saved before
        cls.other_card = cls.env["payment.token"].create(
            {
                "provider_id": cls.provider.id,
                "payment_method_id": cls.env.ref("payment_demo.payment_method_demo").id,
                "partner_id": cls.client.partner_id.id,
                "payment_details": "1111",
                "provider_ref": "demo-tour-1111",
                "demo_simulated_state": "done",
            }
        )

    def test_buy_a_plan_and_change_its_card(self):
        self.start_tour(
            "/shop?search=Tour Monthly Plan", "expert_platform_recurring_buy_tour", login="plan_client", timeout=240
        )
        order = self.env["sale.order"].search([("partner_id", "=", self.client.partner_id.id)])
        self.assertEqual(order.state, "sale")
        recurring = order.started_recurring_order_ids
        self.assertEqual(recurring.state, "active")
        self.assertEqual((recurring.amount, recurring.payment_count, recurring.payments_done), (90.0, 6, 1))
        saved = order.transaction_ids.token_id
        self.assertTrue(saved.payment_details.endswith("4242"), "the checkout saved the card")
        self.assertEqual(recurring.payment_token_id, self.other_card, "then the client changed it")
