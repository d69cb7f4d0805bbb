from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import InvoiceFollowupCommon


@tagged("post_install", "-at_install")
class TestFollowupAccess(InvoiceFollowupCommon, HttpCase):
    """Roles over RPC (what the web client calls): an expert resends and
    texts only its own clients' invoices, nobody writes the counters, the
    statements are the platform manager's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_invoice = cls._invoice(product=cls.product_a, user=cls.expert_a)
        cls.foreign_invoice = cls._invoice(product=cls.product_b, user=cls.expert_b)

    def _call(self, login, model, method, args, kwargs=None):
        self.authenticate(login, login)
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def _refused(self, login, model, method, args, kwargs=None):
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as error:
            self._call(login, model, method, args, kwargs)
        return error.exception

    def test_expert_resends_only_own_clients_invoices(self):
        error = self._refused("expert_a", "account.move", "action_followup_resend", [[self.foreign_invoice.id]])
        self.assertEqual(str(error), "odoo.exceptions.AccessError")
        self._refused("expert_a", "account.move", "action_followup_send_sms", [[self.foreign_invoice.id]])
        self.foreign_invoice.invalidate_recordset()
        self.assertEqual(self.foreign_invoice.followup_sent_count, 0)
        # its own client's invoice: sent
        result = self._call("expert_a", "account.move", "action_followup_resend", [[self.own_invoice.id]])
        self.assertEqual(result["params"]["type"], "success")
        self.own_invoice.invalidate_recordset()
        self.assertEqual(self.own_invoice.followup_sent_count, 1)

    def test_ids_beyond_postgresql_integers_and_foreign_ids(self):
        for ids in ([2**31], [2**31 - 1], [0], [-5]):
            self._refused("expert_a", "account.move", "action_followup_resend", [ids])

    def test_nobody_writes_the_counters(self):
        for login in ("expert_a", "platform_manager"):
            error = self._refused(
                login,
                "account.move",
                "write",
                [[self.own_invoice.id], {"portal_view_count": 40, "followup_sent_count": 9}],
            )
            self.assertEqual(str(error), "odoo.exceptions.AccessError")
        self.own_invoice.invalidate_recordset()
        self.assertEqual((self.own_invoice.portal_view_count, self.own_invoice.followup_sent_count), (0, 0))

    def test_private_methods_are_not_reachable(self):
        for method, args in (
            ("_followup_register_view", [[self.own_invoice.id], self.client_user.id]),
            ("_followup_register_email", [[self.own_invoice.id]]),
            ("_cron_followup_resend", []),
        ):
            self._refused("expert_a", "account.move", method, args)
        self.own_invoice.invalidate_recordset()
        self.assertEqual(self.own_invoice.portal_view_count, 0)

    def test_portal_user_calls_nothing(self):
        for method in ("action_followup_resend", "action_followup_send_sms"):
            self._refused("client_a", "account.move", method, [[self.own_invoice.id]])

    def test_statements_belong_to_the_platform_manager(self):
        self._refused("expert_a", "invoice.followup.statement", "search_read", [[]], {"fields": ["partner_id"]})
        self._refused(
            "platform_manager",
            "invoice.followup.statement",
            "create",
            [{"partner_id": self.client_partner.id, "company_id": self.company.id, "period": "2030-01-01"}],
        )
        self.assertEqual(
            self._call("platform_manager", "invoice.followup.statement", "search_count", [[]]),
            self.env["invoice.followup.statement"].search_count([]),
        )

    def test_expert_toggles_reminders_of_own_invoices_only(self):
        self._call("expert_a", "account.move", "write", [[self.own_invoice.id], {"followup_enabled": False}])
        self.own_invoice.invalidate_recordset()
        self.assertFalse(self.own_invoice.followup_enabled)
        self._refused("expert_a", "account.move", "write", [[self.foreign_invoice.id], {"followup_enabled": False}])
        self.foreign_invoice.invalidate_recordset()
        self.assertTrue(self.foreign_invoice.followup_enabled)
