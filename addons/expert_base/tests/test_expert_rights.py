from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import ExpertPlatformCommon


@tagged("post_install", "-at_install")
class TestExpertRights(ExpertPlatformCommon):
    """Issue 13.11: an expert holds the rights an expert needs, no more."""

    def test_no_technical_features_nor_template_editing(self):
        for expert in (self.expert_a, self.env.ref("expert_base.user_expert_olivia_demo")):
            self.assertFalse(expert.has_group("base.group_no_one"), expert.login)
            self.assertFalse(expert.has_group("mail.group_mail_template_editor"), expert.login)
            self.assertFalse(expert.has_group("base.group_system"), expert.login)
            self.assertFalse(expert.has_group("website.group_website_restricted_editor"), expert.login)
        # the platform keeps them
        for manager in (self.platform_manager, self.env.ref("base.user_admin")):
            self.assertTrue(manager.has_group("base.group_no_one"), manager.login)
            self.assertTrue(manager.has_group("mail.group_mail_template_editor"), manager.login)
        # making a user an expert later gives none of them back
        user = self.env["res.users"].create({"name": "New Expert", "login": "new_expert"})
        user.groups_id = [Command.link(self.env.ref("expert_base.group_expert").id)]
        self.assertFalse(user.has_group("base.group_no_one"))
        template = self.env.ref("account.email_template_edi_invoice")
        with self.assertRaises(AccessError):
            template.with_user(self.expert_a).write({"subject": "Pay me"})

    def test_no_apps_website_or_settings_menus(self):
        menus = self.env["ir.ui.menu"].with_user(self.expert_a).load_menus(False)
        roots = {menus[menu_id]["xmlid"] for menu_id in menus["root"]["children"]}
        self.assertIn("expert_base.menu_root", roots)
        for xmlid in ("base.menu_management", "website.menu_website_configuration", "base.menu_administration"):
            self.assertNotIn(xmlid, roots)
        visible = self.env["ir.ui.menu"].with_user(self.expert_a)._visible_menu_ids()
        self.assertNotIn(self.env.ref("website.menu_site").id, visible, "nor any menu under them")
        manager_menus = self.env["ir.ui.menu"].with_user(self.platform_manager).load_menus(False)
        manager_roots = {manager_menus[menu_id]["xmlid"] for menu_id in manager_menus["root"]["children"]}
        self.assertIn("website.menu_website_configuration", manager_roots)
        for model in ("res.config.settings", "ir.module.module"):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.expert_a).create({})

    def test_products_are_the_platforms(self):
        Template = self.env["product.template"].with_user(self.expert_a)
        with self.assertRaises(AccessError):
            Template.create({"name": "New programme", "type": "service", "list_price": 10})
        with self.assertRaises(AccessError):
            self.env["product.product"].with_user(self.expert_a).create({"name": "New programme"})
        own = self.product_a.product_tmpl_id.with_user(self.expert_a)
        for values in (
            {"list_price": 1.0},
            {"taxes_id": [Command.clear()]},
            {"is_published": True},
            {"sale_ok": False},
            {"name": "Renamed"},
            {"expert_id": self.expert_b.id},
        ):
            with self.assertRaises(AccessError, msg=str(values)):
                own.write(values)
        with self.assertRaises(AccessError):
            self.product_a.with_user(self.expert_a).write({"lst_price": 1.0})
        with self.assertRaises(AccessError):
            own.unlink()
        self.assertEqual(own.read(["list_price"])[0]["list_price"], 100.0)
        # the platform's products: read, never written
        platform = self.env["product.template"].create({"name": "Platform fee", "type": "service"})
        self.assertTrue(platform.with_user(self.expert_a).read(["name"]))
        with self.assertRaises(AccessError):
            platform.with_user(self.expert_a).write({"list_price": 1.0})
        # a platform manager changes them
        own.with_user(self.platform_manager).write({"list_price": 120.0})
        self.assertEqual(own.list_price, 120.0)

    def _request(self, user, product, changes=(("list_price", "120"),), reason="More sessions"):
        wizard = (
            self.env["product.change.request.wizard"]
            .with_user(user)
            .create(
                {
                    "product_tmpl_id": product.id,
                    "reason": reason,
                    "line_ids": [Command.create({"field_name": name, "new_value": value}) for name, value in changes],
                }
            )
        )
        return wizard.action_send_request()

    def test_request_a_change(self):
        """The button records the wanted change on the product's chatter and
        schedules an activity for the platform, as the guide's email did."""
        product = self.product_a.product_tmpl_id
        handler = self.platform_manager
        activity_type = self.env.ref("expert_base.mail_activity_type_product_change")
        activity_type.default_user_id = handler
        wizard = Form(
            self.env["product.change.request.wizard"]
            .with_user(self.expert_a)
            .with_context(default_product_tmpl_id=product.id)
        )
        with wizard.line_ids.new() as line:
            line.field_name = "list_price"
            self.assertEqual(line.current_value, "100.0")
            line.new_value = "120"
        with wizard.line_ids.new() as line:
            line.field_name = "name"
            line.new_value = "Coaching A (6 sessions)"
        wizard.reason = "I now give six sessions."
        action = wizard.save().action_send_request()
        self.assertEqual(action["params"]["type"], "success")

        activity = product.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.activity_type_id, activity_type)
        self.assertEqual(activity.user_id, handler)
        self.assertIn("120", str(activity.note))
        note = product.message_ids.filtered(lambda message: message.subtype_id == self.env.ref("mail.mt_note"))[:1]
        self.assertEqual(note.author_id, self.expert_a.partner_id, "the request is the caller's")
        for text in ("100.0", "120", "Coaching A (6 sessions)", "I now give six sessions."):
            self.assertIn(text, str(note.body))
        self.assertEqual(product.list_price, 100.0, "nothing changes before the platform decides")
        # the expert sees its request on its product
        self.assertTrue(activity.with_user(self.expert_a).read(["summary"]))

    def test_request_goes_to_a_platform_manager_without_default_user(self):
        self.env.ref("expert_base.mail_activity_type_product_change").default_user_id = False
        self._request(self.expert_a, self.product_a.product_tmpl_id)
        user = self.product_a.product_tmpl_id.activity_ids.user_id
        self.assertTrue(user.has_group("expert_base.group_platform_manager"))

    def test_request_refused_on_others_products_and_bad_input(self):
        before = self.env["mail.activity"].search_count([])
        with self.assertRaises(AccessError):
            self._request(self.expert_a, self.product_b.product_tmpl_id)
        platform = self.env["product.template"].create({"name": "Platform fee", "type": "service"})
        with self.assertRaises(AccessError):
            self._request(self.expert_a, platform)
        with self.assertRaises(AccessError):
            self._request(self.client_user, self.product_a.product_tmpl_id)
        with self.assertRaises(UserError):
            self._request(self.expert_a, self.product_a.product_tmpl_id, changes=())
        with self.assertRaises(UserError):
            self._request(self.expert_a, self.product_a.product_tmpl_id, reason="   ")
        with self.assertRaises(UserError):
            self._request(self.expert_a, self.product_a.product_tmpl_id, reason="x" * 5000)
        self.assertEqual(self.env["mail.activity"].search_count([]), before)
