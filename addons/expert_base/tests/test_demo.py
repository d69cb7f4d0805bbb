from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    def test_demo_users_and_products(self):
        olivia = self.env.ref("expert_base.user_expert_olivia_demo")
        self.assertEqual(olivia.name, "Olivia Smith")
        self.assertTrue(olivia.tz)
        self.assertTrue(olivia.has_group("expert_base.group_expert"))
        self.assertFalse(olivia.has_group("expert_base.group_platform_manager"))
        manager = self.env.ref("expert_base.user_platform_manager_demo")
        self.assertTrue(manager.has_group("expert_base.group_platform_manager"))
        for xmlid in ("expert_base.user_client_emma_demo", "expert_base.user_client_lucas_demo"):
            self.assertTrue(self.env.ref(xmlid).has_group("base.group_portal"))
        experts = self.env.ref("expert_base.user_expert_olivia_demo") + self.env.ref(
            "expert_base.user_expert_daniel_demo"
        )
        for expert in experts:
            self.assertGreaterEqual(expert.expert_product_count, 2)
