from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AttributionCommon


@tagged("post_install", "-at_install")
class TestAttribution(AttributionCommon):
    def _flush_tracking(self):
        """Tracking values are written when the transaction commits."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        # the orders' messages were read before the tracking posted its own
        self.env.invalidate_all()

    def test_plan_matches_the_paid_offer(self):
        plan = self._plan(self.package)
        other = self._plan(self.package_b, user=self.sales_user_2)
        order = self._paid_order(self.package)
        self.assertEqual(order.sale_attribution, "user")
        self.assertEqual(order.sales_manager_id, self.sales_user)
        self.assertEqual(order.sale_plan_id, plan)
        self.assertEqual(order.sale_attribution_label, "Sam Sales")
        self.assertFalse(order.sale_confirmed)
        self.assertEqual(plan.state, "done")
        self.assertEqual(plan.order_id, order)
        self.assertEqual(other.state, "open")

    def test_plan_of_a_contact_matches_its_company(self):
        company = self.env["res.partner"].create({"name": "Acme", "is_company": True})
        self.client_partner.parent_id = company
        plan = self._plan(self.package, partner=company)
        order = self._paid_order(self.package)
        self.assertEqual(order.sale_plan_id, plan)

    def test_without_plan_the_system_made_the_sale(self):
        self._plan(self.package_b)
        order = self._paid_order(self.package)
        self.assertEqual(order.sale_attribution, "system")
        self.assertFalse(order.sales_manager_id)
        self.assertEqual(order.sale_attribution_label, "System")

    def test_a_plan_counts_once(self):
        self._plan(self.package)
        first = self._paid_order(self.package)
        second = self._paid_order(self.package)
        self.assertEqual(first.sale_attribution, "user")
        self.assertEqual(second.sale_attribution, "system")

    def test_plan_of_another_company_does_not_match(self):
        company_2 = self.env["res.company"].create({"name": "Other Platform"})
        self.sales_user.company_ids = [Command.link(company_2.id)]
        self._plan(self.package, company_id=company_2.id)
        order = self._paid_order(self.package)
        self.assertEqual(order.sale_attribution, "system")

    def test_check_confirms_and_records_who_and_when(self):
        order = self._paid_order(self.package)
        # Odoo does not track a record in the transaction that created it:
        # the order was paid in an earlier one
        self._flush_tracking()
        # the fixtures disable tracking (BaseCommon): the Check tracks
        order.with_user(self.checker).with_context(tracking_disable=False, mail_notrack=False)._sale_check(
            "user", self.sales_user
        )
        self.assertTrue(order.sale_confirmed)
        self.assertEqual(order.sale_attribution, "user")
        self.assertEqual(order.sales_manager_id, self.sales_user)
        self.assertEqual(order.sale_confirmed_by_id, self.checker)
        self.assertTrue(order.sale_confirmed_at)
        self._flush_tracking()
        tracked = order.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("sale_confirmed", tracked)
        self.assertIn("sales_manager_id", tracked)

    def test_wizard_preselects_the_plan_manager(self):
        self._plan(self.package)
        order = self._paid_order(self.package)
        action = order.with_user(self.checker).action_sale_check()
        wizard = self.env["sale.attribution.check"].with_user(self.checker).with_context(**action["context"]).create({})
        self.assertEqual(wizard.attribution, "user")
        self.assertEqual(wizard.user_id, self.sales_user)
        wizard.user_id = self.sales_user_2
        wizard.action_confirm()
        self.assertEqual(order.sales_manager_id, self.sales_user_2)
        self.assertTrue(order.sale_confirmed)
        system_order = self._paid_order(self.package_b)
        wizard = (
            self.env["sale.attribution.check"]
            .with_user(self.checker)
            .with_context(active_model="sale.order", active_ids=system_order.ids)
            .create({})
        )
        self.assertEqual(wizard.attribution, "system")
        wizard.action_confirm()
        self.assertTrue(system_order.sale_confirmed)
        self.assertEqual(system_order.sale_attribution, "system")

    def test_reconfirm_is_logged(self):
        order = self._paid_order(self.package)
        order.with_user(self.checker)._sale_check("system")
        order.with_user(self.checker)._sale_check("user", self.sales_user_2)
        self.assertEqual(order.sales_manager_id, self.sales_user_2)
        self.assertIn("System → Zoe Sales", order.message_ids[0].body)
        self.assertEqual(order.message_ids[0].author_id, self.checker.partner_id)

    def test_bulk_check(self):
        orders = self._paid_order(self.package) | self._paid_order(self.package_b)
        wizard = (
            self.env["sale.attribution.check"]
            .with_user(self.checker)
            .with_context(active_model="sale.order", active_ids=orders.ids)
            .create({"attribution": "system"})
        )
        wizard.action_confirm()
        self.assertEqual(orders.mapped("sale_confirmed"), [True, True])
        self.assertEqual(set(orders.mapped("sale_confirmed_by_id")), {self.checker})

    def test_bad_input_changes_nothing(self):
        paid = self._paid_order(self.package)
        unpaid = self._create_order(self.package_b)
        cancelled = self._create_order(self.package_b, confirm=False)
        cancelled._action_cancel()
        checker_orders = self.env["sale.order"].with_user(self.checker)
        for orders in (unpaid, cancelled, paid | unpaid):
            with self.assertRaises(UserError):
                checker_orders.browse(orders.ids)._sale_check("system")
            with self.assertRaises(UserError):
                checker_orders.browse(orders.ids).action_sale_check()
        with self.assertRaises(UserError):
            checker_orders.browse(paid.ids)._sale_check("user")
        with self.assertRaises(UserError):
            checker_orders.browse(paid.ids)._sale_check("nobody")
        with self.assertRaises(UserError):
            checker_orders.browse(paid.ids)._sale_check("user", self.client_user)
        company_2 = self.env["res.company"].create({"name": "Other Platform"})
        outsider = self.sales_user_2
        outsider.write({"company_ids": [Command.set(company_2.ids)], "company_id": company_2.id})
        with self.assertRaises(UserError):
            checker_orders.browse(paid.ids)._sale_check("user", outsider)
        with self.assertRaises(AccessError):
            paid.with_user(self.sales_user)._sale_check("system")
        self.assertFalse((paid | unpaid | cancelled).filtered("sale_confirmed"))
        self._flush_tracking()
        self.assertFalse(paid.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "sale_confirmed"))

    def test_check_button_only_on_paid_orders(self):
        self.assertTrue(self._paid_order(self.package).sale_checkable)
        self.assertFalse(self._create_order(self.package).sale_checkable)
