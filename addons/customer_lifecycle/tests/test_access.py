from odoo.exceptions import AccessError, MissingError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.expert_base.tests.common import RpcMixin

from .common import CustomerLifecycleCommon


@tagged("post_install", "-at_install")
class TestCustomerAccess(RpcMixin, CustomerLifecycleCommon, HttpCase):
    """Who reads and changes customers, over the web client's RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_b = new_test_user(cls.env, login="client_b", groups="base.group_portal")
        cls.customer_b = cls.client_b.partner_id
        cls._create_order(cls.product_b, partner=cls.customer_b)

    def _customer_ids(self, login):
        return self.rpc(
            login,
            "res.partner",
            "search",
            [("customer_status", "!=", False), ("id", "in", (self.customer | self.customer_b).ids)],
        )

    def test_customer_list_per_role(self):
        self.assertEqual(self.customer_b.customer_status, "activated")
        self.assertEqual(sorted(self._customer_ids("platform_manager")), sorted((self.customer | self.customer_b).ids))
        self.assertEqual(self._customer_ids("expert_a"), self.customer.ids, "its own clients only")
        self.assertEqual(self._customer_ids("expert_b"), self.customer_b.ids)

    def test_expert_opens_another_experts_client(self):
        with self.assertRaises(AccessError):
            self.rpc("expert_a", "res.partner", "read", [self.customer_b.id], ["name", "customer_status"])
        with self.assertRaises(AccessError):
            self.rpc("expert_a", "res.partner", "action_customer_new_invoice", [self.customer_b.id])
        with self.assertRaises(AccessError):
            self.rpc("expert_a", "res.partner", "action_customer_request_anonymization", [self.customer_b.id])
        self.assertFalse(self.customer_b.activity_ids)

    def test_expert_reads_its_client_page(self):
        fields = ["customer_status", "customer_invoice_ids", "customer_order_ids", "customer_activity_ids"]
        [values] = self.rpc("expert_a", "res.partner", "read", [self.customer.id], fields)
        self.assertEqual(values["customer_status"], "activated")
        self.assertEqual(
            self.rpc("expert_a", "res.partner", "read", [self.customer.id], ["customer_expert_names"])[0][
                "customer_expert_names"
            ],
            "Expert A",
        )

    def test_status_and_anonymize_refused_over_rpc(self):
        for login in ("expert_a", "client_a"):
            for method, args in (
                ("action_customer_cancel", ["Fraud"]),
                ("action_customer_close", []),
                ("action_customer_reactivate", []),
                ("action_customer_anonymize", [self.customer.name]),
                ("action_open_customer_anonymize_wizard", []),
                ("action_open_customer_status_wizard", []),
            ):
                with self.assertRaises(AccessError, msg=f"{login} {method}"):
                    self.rpc(login, "res.partner", method, [self.customer.id], *args)
        self.assertEqual(self.customer.customer_status, "activated")
        self.assertFalse(self.customer.anonymized_at)

    def test_bad_ids(self):
        for bad in (2**31, -1, 999_999_999):
            with self.assertRaises(MissingError):
                self.rpc("platform_manager", "res.partner", "action_customer_cancel", [bad], "Fraud")

    def test_manager_cancels_over_rpc_and_client_keeps_its_invoices(self):
        invoice = self._invoice_order(self._create_order(self.product_a))
        self.rpc("platform_manager", "res.partner", "action_customer_cancel", [self.customer.id], "Fraud")
        self.assertEqual(self.customer.customer_status, "cancelled")
        self.assertEqual(self.customer.customer_status_user_id, self.manager, "derived from the caller")
        self.authenticate("client_a", "client_a")
        response = self.url_open(f"/my/invoices/{invoice.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(invoice.name, response.text)
        self.assertEqual(self.url_open(f"/my/invoices/{invoice.id}?report_type=pdf").status_code, 200)

    def test_status_fields_not_written_directly(self):
        for login in ("expert_a", "platform_manager"):
            for values in (
                {"customer_status": "cancelled"},
                {"customer_status_reason": "x"},
                {"customer_status_user_id": self.expert_b.id},
                {"anonymized_at": "2026-01-01 00:00:00"},
            ):
                with self.assertRaises(AccessError, msg=f"{login} {values}"):
                    self.rpc(login, "res.partner", "write", [self.customer.id], values)
            with self.assertRaises(AccessError):
                self.rpc(login, "res.partner", "create", {"name": "Sneaky", "customer_status": "terminated"})
        self.assertEqual(self.customer.customer_status, "activated")
        created = self.rpc(
            "platform_manager",
            "res.partner",
            "create",
            {"name": "Walk-in"},
            context={"default_customer_status": "activated"},
        )
        self.assertEqual(self.env["res.partner"].browse(created).customer_status, "activated")
