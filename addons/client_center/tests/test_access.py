import re

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.expert_base.tests.common import PortalFormMixin

from .common import ClientCenterCommon, RpcCallMixin
from .test_portal import PaymentProviderMixin

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
class TestClientCenterAccess(PortalFormMixin, ClientCenterCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._due_invoice(40.0, days_overdue=3)
        cls.foreign_invoice = cls._due_invoice(50.0, days_overdue=3, partner=cls.other_partner)
        cls.foreign_quotation = cls._create_order(cls.package, partner=cls.other_partner, confirm=False)
        cls.foreign_quotation.action_quotation_sent()
        cls.foreign_order = cls._create_order(cls.package, partner=cls.other_partner)

    def _csrf(self, url="/client-center/main"):
        return super()._csrf(url)

    def test_public_user_goes_to_login(self):
        for url in GET_ROUTES + ["/client-center/main/orders/new"]:
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 303, url)
            self.assertIn("/web/login", response.headers["Location"], url)
        # POSTs: refused (no session, hence no valid CSRF token either)
        channels = self.env["discuss.channel"].search([("client_center_id", "=", self.center.id)])
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
        self.assertEqual(self.env["discuss.channel"].search([("client_center_id", "=", self.center.id)]), channels)

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


@tagged("post_install", "-at_install")
class TestClientCenterBadInput(PortalFormMixin, PaymentProviderMixin, ClientCenterCommon, HttpCase):
    """Malformed input on every route: a clear message or 400/404, never
    a 500, and nothing written (issue 13.7)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._due_invoice(40.0, days_overdue=3)
        cls.quotation = cls._create_order(cls.package, confirm=False)
        cls.quotation.action_quotation_sent()

    def _csrf(self, url="/client-center/main"):
        return super()._csrf(url)

    def _snapshot(self):
        return (
            self.env["discuss.channel"].search_count([]),
            self.env["mail.message"].search_count([("model", "=", "discuss.channel")]),
            self.env["sale.order"].search_count([]),
            self.env["client.center.column.choice"].search_count([]),
            self.env["payment.transaction"].search_count([]),
            self.quotation.state,
        )

    def test_get_routes(self):
        self.authenticate("client_a", "client_a")
        huge = "9" * 31
        for url in (
            "/client-center/main%00",
            "/client-center/ma%00in/payments",
            "/client-center/%E2%80%8Bmain",
            "/client-center/" + "m" * 5000,
            f"/client-center/main/payments/pay?invoice_ids={huge}",
            f"/client-center/main/payments/pay?invoice_ids={2**31}",
            "/client-center/main/payments/pay?invoice_ids=%00",
            "/client-center/main/payments/pay?invoice_ids=%C2%B2",
            f"/client-center/main/payments/pay?invoice_ids={self.invoice.id},-1",
            # the list route serves list panels only
            "/client-center/main/home",
            "/client-center/main/nothing",
            "/client-center/main/home/page/2",
            "/client-center/main/%00/page/1",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        for url in (
            "/client-center/main/payments?page=%C2%B2",
            f"/client-center/main/payments/page/{huge}",
            "/client-center/main/orders?sortby=%00&filterby=%00",
            "/client-center/main/invoices?sortby=name&filterby=credit_notes&page=abc",
            "/client-center/main?chat=%00",
            f"/client-center/main?chat={huge}",
            "/client-center/main?notice=%00",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 200)

    def test_posts(self):
        self.authenticate("client_a", "client_a")
        csrf = self._csrf()
        before = self._snapshot()
        huge = "9" * 31
        for url, data in (
            (f"/client-center/main/orders/{huge}/cancel", {}),
            (f"/client-center/main/orders/{2**31}/reorder", {}),
            ("/client-center/main/chat", {"body": "hi", "expert_id": huge}),
            ("/client-center/main/chat", {"body": "hi", "expert_id": "abc"}),
        ):
            with self.subTest(url=url, data=data):
                response = self.url_open(url, data={"csrf_token": csrf, **data})
                self.assertIn(response.status_code, (400, 404))
        # another client's expert, a NUL byte, an oversized message: a message, nothing posted
        for data in (
            {"body": "hi", "expert_id": str(self.expert_b.id)},
            {"body": "nul\x00byte"},
            {"body": "x" * 5000},
        ):
            with self.subTest(data=data):
                response = self.url_open(
                    "/client-center/main/chat",
                    data={"csrf_token": csrf, **data},
                    headers={"Accept": "application/json"},
                )
                self.assertEqual(response.status_code, 400)
                self.assertTrue(response.json()["error"])
        response = self.url_open("/client-center/main/chat", data={"csrf_token": csrf, "body": "nul\x00byte"})
        self.assertIn("notice=chat_refused", response.url)
        response = self.url_open(
            "/client-center/main/columns",
            data={"csrf_token": csrf, "panel": "payments", "column_ids": [huge, "\x00"]},
        )
        self.assertIn("notice=columns_refused", response.url)
        self.assertEqual(
            self.url_open("/client-center/main/columns", data={"csrf_token": csrf, "panel": "\x00"}).status_code, 404
        )
        self.assertEqual(self._snapshot(), before)

    def test_order_creation_quantities(self):
        self.package.sale_ok = True
        self.center.write({"allow_sale_order_creation": True, "product_ids": [Command.set(self.package.ids)]})
        self.authenticate("client_a", "client_a")
        csrf = self._csrf("/client-center/main/orders/new")
        before = self._snapshot()
        for quantity in ("²", "1.5", "-1", "9" * 5000, "\x00", "1e3"):
            with self.subTest(quantity=quantity):
                page = self.url_open(
                    "/client-center/main/orders/new", data={"csrf_token": csrf, f"qty_{self.package.id}": quantity}
                )
                self.assertEqual(page.status_code, 200)
                self.assertIn("o_client_center_order_error", page.text)
        self.assertEqual(self._snapshot(), before)

    def test_transaction_refuses_wrong_types(self):
        provider = self._enable_test_provider()
        self.authenticate("client_a", "client_a")
        page = self.url_open(f"/client-center/main/payments/pay?invoice_ids={self.invoice.id}").text
        token = re.search(r'data-access-token="([^"]+)"', page).group(1)
        before = self._snapshot()
        base = {
            "provider_id": provider.id,
            "payment_method_id": provider.payment_method_ids.id,
            "token_id": None,
            "flow": "direct",
            "tokenization_requested": False,
            "landing_route": "/",
            "is_validation": False,
        }
        with mute_logger("odoo.http"):
            for url, params in (
                (f"/client-center/main/payments/transaction/{'9' * 31}", {**base, "access_token": token}),
                (f"/client-center/main/payments/transaction/{self.invoice.id}", {**base, "access_token": ["x"]}),
                (f"/client-center/main/payments/transaction/{self.invoice.id}", {**base, "access_token": 42}),
                (
                    f"/client-center/main/payments/transaction/{self.invoice.id}",
                    {**base, "access_token": token, "provider_id": "abc"},
                ),
                (
                    f"/client-center/main/payments/transaction/{self.invoice.id}",
                    {**base, "access_token": token, "provider_id": 2**40},
                ),
                (
                    f"/client-center/main/payments/transaction/{self.invoice.id}",
                    {**base, "access_token": token, "flow": {"x": 1}},
                ),
                (
                    f"/client-center/main/payments/transaction/{self.invoice.id}",
                    {**base, "access_token": token, "tokenization_requested": "yes"},
                ),
            ):
                with self.subTest(url=url, params=params), self.assertRaises(JsonRpcException):
                    self.make_jsonrpc_request(url, params)
        self.assertEqual(self._snapshot(), before)


@tagged("post_install", "-at_install")
class TestClientCenterRPC(RpcCallMixin, ClientCenterCommon, HttpCase):
    """The public methods of the client center's models, called over RPC as
    a portal user and as an expert on records that are not theirs: refused,
    nothing written (issue 13)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order_a = cls._create_order(cls.package)
        cls.order_b = cls._create_order(cls.package_b, partner=cls.other_partner)

    def _refused(self, result):
        self.assertIn("error", result, result)
        self.assertIn(
            result["error"]["data"]["name"],
            ("odoo.exceptions.AccessError", "odoo.exceptions.UserError", "odoo.exceptions.MissingError"),
        )

    def _channels(self):
        return self.env["discuss.channel"].search([("client_center_id", "!=", False)])

    def test_portal_user(self):
        before = self._channels()
        self.authenticate("client_b", "client_b")
        for model, method, args in (
            ("res.partner", "action_client_center_chat", [self.client_partner.ids]),
            ("res.partner", "action_client_center_chat", [self.other_partner.ids]),
            ("sale.order", "action_client_center_chat", [self.order_a.ids]),
            ("sale.order", "action_client_center_chat", [self.order_b.ids]),
            ("client.center", "action_open_chat_channels", [self.center.ids]),
            ("client.center", "write", [self.center.ids, {"allow_sale_order_creation": True}]),
            ("discuss.channel", "channel_get", [[self.client_partner.id]]),
        ):
            with self.subTest(model=model, method=method, args=args):
                self._refused(self._call_kw(model, method, args))
        self.assertEqual(self._channels(), before)
        self.assertFalse(self.center.allow_sale_order_creation)
        result = self._call_kw("res.partner", "im_search", ["Client", 10])
        self.assertEqual(result.get("result", []), [])

    def test_expert_on_another_experts_client(self):
        booking = self._booked(line=self._paid_package_line())
        before = self._channels()
        self.authenticate("expert_b", "expert_b")
        for model, method, args in (
            ("res.partner", "action_client_center_chat", [self.client_partner.ids]),
            ("sale.order", "action_client_center_chat", [self.order_a.ids]),
            ("session.booking", "action_client_center_chat", [booking.ids]),
            ("discuss.channel", "channel_get", [[self.client_partner.id]]),
            ("discuss.channel", "channel_get", ["not a list"]),
            ("discuss.channel", "channel_get", [[2**40]]),
            ("client.center", "write", [self.center.ids, {"support_user_ids": [(4, self.expert_b.id)]}]),
        ):
            with self.subTest(model=model, method=method):
                self._refused(self._call_kw(model, method, args))
        self.assertEqual(self._channels(), before)
        self.assertNotIn(self.expert_b, self.center.support_user_ids)
        found = self._call_kw("res.partner", "im_search", ["Client A", 10])["result"]
        self.assertNotIn(self.client_partner.id, [partner["id"] for partner in found])
        # bad arguments: refused or nothing found, never a server error
        for args in (["\x00", 10], [["list"], 10], ["Client", "ten"], ["Client", 10, ["x", 2**40]]):
            with self.subTest(args=args):
                result = self._call_kw("res.partner", "im_search", args)
                self.assertNotIn(self.client_partner.id, [p["id"] for p in result.get("result", [])])

    def test_expert_on_its_own_client(self):
        self.authenticate("expert_a", "expert_a")
        result = self._call_kw("sale.order", "action_client_center_chat", [self.order_a.ids])
        self.assertEqual(result["result"]["tag"], "mail.action_discuss")
        found = self._call_kw("res.partner", "im_search", ["Client A", 10])["result"]
        self.assertIn(self.client_partner.id, [partner["id"] for partner in found])
        self.assertNotIn(self.other_partner.id, [partner["id"] for partner in found])
