import re

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import ClientCenterCommon

GET_ROUTES = [
    "/client-center",
    "/client-center/main",
    "/client-center/main/payments",
    "/client-center/main/payments/page/2",
    "/client-center/main/payments/pay?all=1",
    "/client-center/main/payments/statement",
    "/client-center/main/orders",
    "/client-center/main/invoices",
    "/client-center/main/sessions",
]


@tagged("post_install", "-at_install")
class TestClientCenterAccess(ClientCenterCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._due_invoice(40.0, days_overdue=3)
        cls.foreign_invoice = cls._due_invoice(50.0, days_overdue=3, partner=cls.other_partner)
        cls.foreign_quotation = cls._create_order(cls.package, partner=cls.other_partner, confirm=False)
        cls.foreign_quotation.action_quotation_sent()
        cls.foreign_order = cls._create_order(cls.package, partner=cls.other_partner)

    def _csrf(self, url="/client-center/main"):
        return re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text).group(1)

    def test_public_user_goes_to_login(self):
        for url in GET_ROUTES + ["/client-center/main/orders/new"]:
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 303, url)
            self.assertIn("/web/login", response.headers["Location"], url)
        # POSTs: refused (no session, hence no valid CSRF token either)
        with mute_logger("odoo.http"):
            for url in (
                "/client-center/main/chat",
                f"/client-center/main/orders/{self.foreign_quotation.id}/cancel",
                f"/client-center/main/orders/{self.foreign_order.id}/reorder",
                "/client-center/main/columns",
                "/client-center/main/orders/new",
            ):
                response = self.url_open(url, data={"body": "hi", "panel": "payments"}, allow_redirects=False)
                self.assertIn(response.status_code, (303, 400), url)
            with self.assertRaises(JsonRpcException):
                self.make_jsonrpc_request(
                    f"/client-center/main/payments/transaction/{self.foreign_invoice.id}", {"access_token": "x"}
                )
        self.assertEqual(self.foreign_quotation.state, "sent")
        self.assertFalse(self.env["discuss.channel"].search([("client_center_id", "=", self.center.id)]))

    def test_portal_and_internal_users_reach_every_panel(self):
        for login in ("client_a", "support_agent"):
            self.authenticate(login, login)
            for url in GET_ROUTES:
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200, f"{login} {url}")

    def test_unknown_center_and_hidden_panels_answer_404(self):
        self.authenticate("client_a", "client_a")
        self.assertEqual(self.url_open("/client-center/nope").status_code, 404)
        self.center.write(
            {"show_payments": False, "show_orders": False, "show_invoices": False, "show_sessions": False}
        )
        for url in GET_ROUTES[2:]:
            self.assertEqual(self.url_open(url).status_code, 404, url)
        self.center.active = False
        self.assertEqual(self.url_open("/client-center/main").status_code, 404)

    def test_center_of_another_website_answers_404(self):
        other_website = self.env["website"].create({"name": "Other brand"})
        self.env["client.center"].create({"name": "Brand", "slug": "brand", "website_id": other_website.id})
        self.authenticate("client_a", "client_a")
        self.assertEqual(self.url_open("/client-center/brand").status_code, 404)

    def test_order_creation_disabled_answers_404(self):
        self.authenticate("client_a", "client_a")
        self.assertEqual(self.url_open("/client-center/main/orders/new").status_code, 404)
        response = self.url_open(
            "/client-center/main/orders/new", data={"csrf_token": self._csrf(), f"qty_{self.package.id}": "1"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.env["sale.order"].search([("partner_id", "=", self.client_partner.id)]))

    def test_foreign_ids_answer_404(self):
        self.authenticate("client_a", "client_a")
        csrf = self._csrf()
        url = f"/client-center/main/payments/pay?invoice_ids={self.invoice.id}&invoice_ids={self.foreign_invoice.id}"
        self.assertEqual(self.url_open(url).status_code, 404)
        self.assertEqual(self.url_open("/client-center/main/payments/pay?invoice_ids=abc").status_code, 404)
        self.assertEqual(self.url_open("/client-center/main/payments/pay?invoice_ids=999999").status_code, 404)
        for order in (self.foreign_quotation, self.foreign_order):
            for action in ("cancel", "reorder"):
                response = self.url_open(f"/client-center/main/orders/{order.id}/{action}", data={"csrf_token": csrf})
                self.assertEqual(response.status_code, 404, action)
        self.assertEqual(self.foreign_quotation.state, "sent")
        # the transaction route refuses foreign invoices
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self.make_jsonrpc_request(
                f"/client-center/main/payments/transaction/{self.foreign_invoice.id}",
                {"access_token": "x", "provider_id": 1, "amount": 50.0, "flow": "direct"},
            )
        self.assertFalse(self.env["payment.transaction"].search([("invoice_ids", "in", self.foreign_invoice.ids)]))

    def test_lists_show_only_the_commercial_partner_records(self):
        colleague = self.env["res.partner"].create({"name": "Colleague", "parent_id": self.client_partner.id})
        colleague_invoice = self._due_invoice(30.0, partner=colleague)
        self.authenticate("client_a", "client_a")
        for url in ("/client-center/main/payments", "/client-center/main/invoices"):
            page = self.url_open(url).text
            self.assertIn(self.invoice.name, page)
            self.assertIn(colleague_invoice.name, page)
            self.assertNotIn(self.foreign_invoice.name, page)
        page = self.url_open("/client-center/main/orders").text
        self.assertNotIn(self.foreign_quotation.name, page)
        self.assertNotIn(self.foreign_order.name, page)
        page = self.url_open("/client-center/main/payments/statement").text
        self.assertNotIn(self.foreign_invoice.name, page)

    def test_posts_need_the_csrf_token(self):
        quotation = self._create_order(self.package, confirm=False)
        quotation.action_quotation_sent()
        column = self.env.ref("client_center.client_center_column_payments_ref")
        self.authenticate("client_a", "client_a")
        with mute_logger("odoo.http"):
            posts = [
                ("/client-center/main/chat", {"body": "hi"}),
                (f"/client-center/main/orders/{quotation.id}/cancel", {"confirm": "1"}),
                (f"/client-center/main/orders/{quotation.id}/reorder", {"confirm": "1"}),
                ("/client-center/main/columns", {"panel": "payments", "column_ids": str(column.id)}),
            ]
            for url, data in posts:
                response = self.url_open(url, data=data)
                self.assertEqual(response.status_code, 400, url)
        self.assertEqual(quotation.state, "sent")
        self.assertFalse(
            self.env["discuss.channel"].search([("client_center_partner_id", "=", self.client_partner.id)])
        )
        self.assertFalse(self.env["client.center.column.choice"].search([("user_id", "=", self.client_user.id)]))

    def test_columns_of_another_panel_are_refused(self):
        orders_column = self.env.ref("client_center.client_center_column_orders_user_id")
        self.authenticate("client_a", "client_a")
        response = self.url_open(
            "/client-center/main/columns",
            data={"csrf_token": self._csrf(), "panel": "payments", "column_ids": str(orders_column.id)},
        )
        self.assertIn("notice=columns_refused", response.url)
        self.assertFalse(self.env["client.center.column.choice"].search([("user_id", "=", self.client_user.id)]))
        response = self.url_open("/client-center/main/columns", data={"csrf_token": self._csrf(), "panel": "secret"})
        self.assertEqual(response.status_code, 404)

    def test_models_are_closed_to_portal_users(self):
        for model in ("client.center", "client.center.column", "client.center.column.choice"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.client_user).search([])
        # an internal user sees only its own choice of columns
        self.center._set_shown_columns("payments", self.support_user, [])
        self.center._set_shown_columns("payments", self.platform_manager, [])
        choices = self.env["client.center.column.choice"].with_user(self.support_user).search([])
        self.assertEqual(choices.user_id, self.support_user)

    def test_other_clients_cannot_read_a_conversation(self):
        message = self.center._chat_post(self.client_partner, "Private question")
        channel = self.env["discuss.channel"].browse(message.res_id)
        with self.assertRaises(AccessError):
            channel.with_user(self.other_user).read(["name"])
        self.assertEqual(self.center._chat_messages(self.other_partner), [])
        self.center.support_user_ids = [Command.link(self.platform_manager.id)]
        self.assertIn(self.platform_manager.partner_id, channel.channel_member_ids.partner_id)
