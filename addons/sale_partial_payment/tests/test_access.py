from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.expert_base.tests.common import PortalFormMixin, RpcMixin

from .common import PartialPaymentCommon


@tagged("post_install", "-at_install")
class TestPartialPaymentAccess(PortalFormMixin, RpcMixin, PartialPaymentCommon, HttpCase):
    """Who may do what, over the web client's RPC entry point."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._partial_order()
        cls._online_payment(cls.order, 100.0)
        cls.order_b = cls._create_order(cls.package_b)

    def test_expert_reads_only_its_own_orders_payments(self):
        rows = self.rpc("expert_a", "sale.order.payment", "search_read", [], ["order_id"])
        self.assertEqual({row["order_id"][0] for row in rows}, {self.order.id})
        rows = self.rpc("expert_b", "sale.order.payment", "search_read", [("order_id", "=", self.order.id)], ["id"])
        self.assertEqual(rows, [])

    def test_client_reads_no_payment_list(self):
        with self.assertRaises(AccessError):
            self.rpc("client_a", "sale.order.payment", "search_read", [], ["id"])

    def test_only_a_manager_confirms_or_rejects(self):
        for login in ("expert_a", "expert_b", "client_a"):
            with self.assertRaises(AccessError):
                self.rpc(login, "sale.order", "action_partial_confirm", [self.order.id])
            with self.assertRaises(AccessError):
                self.rpc(login, "sale.order", "action_partial_reject", [self.order.id])
        action = self.rpc("platform_manager", "sale.order", "action_partial_reject", [self.order.id])
        self.assertEqual(action["res_model"], "sale.partial.payment.decision")
        self.assertEqual(self.order.partial_payment_state, "open")

    def test_nobody_writes_the_partial_state(self):
        for login in ("platform_manager", "expert_a"):
            with self.assertRaises(AccessError):
                self.rpc(login, "sale.order", "write", [self.order.id], {"partial_payment_state": "confirmed"})
        self.assertEqual(self.order.partial_payment_state, "open")

    def test_staff_take_payments_only_on_orders_they_read(self):
        with self.assertRaises(AccessError):
            self.rpc("expert_b", "sale.order", "action_partial_take_payment", [self.order.id])
        with self.assertRaises(AccessError):
            self.rpc("client_a", "sale.order", "action_partial_take_payment", [self.order.id])
        action = self.rpc("expert_a", "sale.order", "action_partial_take_payment", [self.order.id])
        self.assertEqual(action["res_model"], "sale.partial.payment.take")

    def test_foreign_and_oversized_ids(self):
        for order_id in (2**31 - 1, 2**31 + 5):
            with self.assertRaises(Exception) as caught:
                self.rpc("platform_manager", "sale.order", "action_partial_confirm", [order_id])
            self.assertNotIn("RpcServerError", type(caught.exception).__name__)

    def test_take_payment_from_the_invoice_over_rpc(self):
        order = self._create_order(self.package)
        invoice = self._invoice_order(order)
        for login in ("expert_b", "client_a"):
            with self.assertRaises(AccessError):
                self.rpc(login, "account.move", "action_partial_take_payment", [invoice.id])
        action = self.rpc("expert_a", "account.move", "action_partial_take_payment", [invoice.id])
        self.assertEqual(action["res_model"], "sale.partial.payment.take")
        wizard = self.env["sale.partial.payment.take"].browse(action["res_id"])
        self.assertEqual(wizard.invoice_id, invoice)
        # another expert's order named in a wizard of its own: refused
        wizard_id = self.rpc(
            "expert_b",
            "sale.partial.payment.take",
            "create",
            {"order_id": order.id, "invoice_id": invoice.id, "amount": 10.0, "journal_id": self.journal.id},
        )
        with self.assertRaises(AccessError):
            self.rpc("expert_b", "sale.partial.payment.take", "action_take", [wizard_id])
        self.assertEqual(invoice.payment_state, "not_paid")

    def _csrf(self, url="/client-center/main/orders"):
        return super()._csrf(url)

    def test_client_center_free_part_route(self):
        free = self._create_order(self._free_amounts_package(), confirm=False)
        free.action_quotation_sent()
        stranger = self.env["res.partner"].create({"name": "Another Client"})
        other = self._create_order(self._free_amounts_package(), partner=stranger, confirm=False)
        other.action_quotation_sent()
        self.authenticate("client_a", "client_a")
        page = self.url_open("/client-center/main/orders").text
        self.assertIn(f"/orders/{free.id}/pay-part", page)
        csrf = self._csrf()
        for amount, message in (("50", "at least"), ("401", "more than what remains"), ("x", "as a number")):
            response = self.url_open(
                f"/client-center/main/orders/{free.id}/pay-part", data={"csrf_token": csrf, "amount": amount}
            )
            self.assertEqual(response.status_code, 200, amount)
            self.assertIn(message, response.text, amount)
        # another client's order, ids beyond PostgreSQL's integer: not found
        for order_id in (other.id, 2**31 + 5):
            response = self.url_open(
                f"/client-center/main/orders/{order_id}/pay-part", data={"csrf_token": csrf, "amount": "150"}
            )
            self.assertEqual(response.status_code, 404, order_id)
        self.assertFalse((free | other).transaction_ids)
        response = self.url_open(
            f"/client-center/main/orders/{free.id}/pay-part",
            data={"csrf_token": csrf, "amount": "150"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn(f"/payment/pay?sale_order_id={free.id}&amount=150.0&", response.headers["Location"])
        self.assertEqual(self.url_open(response.headers["Location"]).status_code, 200)
