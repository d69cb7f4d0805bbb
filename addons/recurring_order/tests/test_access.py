from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, MissingError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import RecurringOrderCommon

GROUP_MANAGE = "recurring_order.group_recurring_manage"


@tagged("post_install", "-at_install")
class TestRecurringAccess(RecurringOrderCommon, HttpCase):
    """Who sees and who changes the status of recurring orders, in the
    models and over RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan_b = cls._create_expert_product(
            cls.expert_b, "Plan B", 80.0, is_recurring=True, recurring_interval_unit="month"
        )
        cls.client_b = new_test_user(cls.env, login="client_b", groups="base.group_portal")
        cls.token_b = cls._create_token(cls.client_b.partner_id, "pm_card_b", "1881")
        cls.recurring_a = cls._start(start=date(2026, 1, 15))
        cls.recurring_b = cls._start(
            product=cls.plan_b, partner=cls.client_b.partner_id, token=cls.token_b, start=date(2026, 1, 15)
        )
        cls.sales_manager = new_test_user(cls.env, login="sales_boss", groups="sales_team.group_sale_manager")

    def _grant(self, user):
        user.groups_id = [Command.link(self.env.ref(GROUP_MANAGE).id)]

    def _rpc(self, login, model, method, args, kwargs=None):
        self.authenticate(login, login)
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    # ------------------------------------------------------------------
    # reading
    # ------------------------------------------------------------------

    def test_experts_see_their_own(self):
        Recurring = self.env["recurring.order"]
        self.assertEqual(Recurring.with_user(self.expert_a).search([]), self.recurring_a)
        self.assertEqual(Recurring.with_user(self.expert_b).search([]), self.recurring_b)
        self.assertEqual(Recurring.with_user(self.platform_manager).search([]) & self.recurring_a, self.recurring_a)
        with self.assertRaises(AccessError):
            self.recurring_b.with_user(self.expert_a).read(["state"])
        # the generated orders follow the orders' own rules
        self.assertIn(self.recurring_a.sale_order_id, self.env["sale.order"].with_user(self.expert_a).search([]))

    def test_clients_see_their_own(self):
        Recurring = self.env["recurring.order"]
        self.assertEqual(Recurring.with_user(self.client_user).search([]), self.recurring_a)
        self.assertEqual(Recurring.with_user(self.client_b).search([]), self.recurring_b)
        with self.assertRaises(AccessError):
            self.recurring_b.with_user(self.client_user).read(["amount"])

    def test_nobody_writes_the_fields_directly(self):
        self._grant(self.expert_a)
        for user in (self.expert_a, self.client_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.recurring_a.with_user(user).write({"state": "completed"})
        with self.assertRaises(AccessError):
            self.env["recurring.order"].with_user(self.expert_a).create({"name": "x"})
        with self.assertRaises(AccessError):
            self.recurring_a.with_user(self.platform_manager).unlink()
        self.assertEqual(self.recurring_a.state, "active")

    # ------------------------------------------------------------------
    # statuses
    # ------------------------------------------------------------------

    def test_status_needs_the_permission(self):
        for user in (self.expert_a, self.client_user, self.sales_manager):
            for action in (
                lambda u: self.recurring_a.with_user(u).action_suspend("Pause"),
                lambda u: self.recurring_a.with_user(u).action_complete("Stop"),
                lambda u: self.recurring_a.with_user(u).action_open_status_wizard(),
            ):
                with self.subTest(user=user.login), self.assertRaisesRegex(AccessError, "Can manage statuses"):
                    action(user)
        self.assertEqual(self.recurring_a.state, "active")
        with self.assertRaises(AccessError):
            self.env["recurring.order.status.wizard"].with_user(self.expert_a).create(
                {"recurring_order_ids": self.recurring_a.ids, "reason": "x"}
            )

    def test_granted_expert_manages_own_orders_only(self):
        self._grant(self.expert_a)
        self.recurring_a.with_user(self.expert_a).action_suspend("Expert on leave")
        self.assertEqual(self.recurring_a.state, "suspended")
        self.recurring_a.with_user(self.expert_a).action_activate()
        self.assertEqual(self.recurring_a.state, "active")
        with self.assertRaises(AccessError):
            self.recurring_b.with_user(self.expert_a).action_suspend("Not mine")
        with self.assertRaises(AccessError):
            (self.recurring_a | self.recurring_b).with_user(self.expert_a).action_complete("Both")
        self.assertEqual((self.recurring_a.state, self.recurring_b.state), ("active", "active"))

    def test_unknown_and_out_of_range_ids(self):
        for record_id in (2**31, 2**63, -1):
            with self.subTest(record_id=record_id), self.assertRaises(MissingError):
                self.env["recurring.order"].browse(record_id).with_user(self.platform_manager).action_activate()
        missing = self.env["recurring.order"].search([], order="id desc", limit=1).id + 1000
        with self.assertRaises(MissingError):
            self.env["recurring.order"].browse(missing).with_user(self.platform_manager).action_suspend("x")

    def test_rpc(self):
        self._grant(self.expert_a)
        with mute_logger("odoo.http"):
            with self.assertRaisesRegex(JsonRpcException, "AccessError"):
                self._rpc("expert_b", "recurring.order", "action_suspend", [self.recurring_a.ids, "Pause"])
            with self.assertRaisesRegex(JsonRpcException, "AccessError"):
                self._rpc("expert_a", "recurring.order", "action_suspend", [self.recurring_b.ids, "Pause"])
            with self.assertRaisesRegex(JsonRpcException, "AccessError"):
                self._rpc("client_a", "recurring.order", "action_complete", [self.recurring_a.ids, "Stop"])
            with self.assertRaisesRegex(JsonRpcException, "AccessError"):
                self._rpc("client_a", "recurring.order", "write", [self.recurring_a.ids, {"state": "completed"}])
            with self.assertRaisesRegex(JsonRpcException, "AccessError"):
                self._rpc("client_a", "recurring.order", "read", [self.recurring_b.ids, ["amount"]])
            with self.assertRaisesRegex(JsonRpcException, "MissingError"):
                self._rpc("expert_a", "recurring.order", "action_activate", [[2**31 + 7]])
            with self.assertRaisesRegex(JsonRpcException, "UserError"):
                self._rpc("expert_a", "recurring.order", "action_suspend", [self.recurring_a.ids, "a\x00b"])
            with self.assertRaisesRegex(JsonRpcException, "AccessError"):
                self._rpc("client_a", "payment.token", "get_linked_records_info", [self.token_b.ids])
        self.assertEqual(self.recurring_a.state, "active")
        self._rpc(
            "expert_a", "recurring.order", "action_suspend", [self.recurring_a.ids, "Pause"], {"resume_on": False}
        )
        self.assertEqual(self.recurring_a.state, "suspended")
        self.assertEqual(self.recurring_a.suspended_by, "manager")

    def test_card_removal_warns_of_its_recurring_orders(self):
        info = self.token.with_user(self.client_user).get_linked_records_info()
        self.assertEqual([entry["id"] for entry in info], self.recurring_a.ids)
        self.assertIn("/recurring/", info[0]["url"])
        self.recurring_a.with_user(self.platform_manager).action_complete("Done")
        self.assertFalse(self.token.with_user(self.client_user).get_linked_records_info())
        with self.assertRaises(AccessError):
            self.token_b.with_user(self.client_user).get_linked_records_info()
