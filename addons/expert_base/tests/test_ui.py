from odoo.tests import HttpCase, tagged

from .common import ExpertPlatformCommon


@tagged("post_install", "-at_install")
class TestExpertTours(ExpertPlatformCommon, HttpCase):
    def test_product_change_request_tour(self):
        """The expert asks for a new price on its product's form, in Chromium."""
        product = self.product_a.product_tmpl_id
        self.env.ref("expert_base.mail_activity_type_product_change").default_user_id = self.platform_manager
        self.start_tour(
            f"/web#model=product.template&id={product.id}&view_type=form",
            "expert_base_product_change_request",
            login="expert_a",
        )
        activity = product.activity_ids
        self.assertEqual(activity.user_id, self.platform_manager)
        self.assertIn("120", str(activity.note))
        self.assertIn("I now give six sessions.", str(activity.note))
        self.assertEqual(product.list_price, 100.0)
