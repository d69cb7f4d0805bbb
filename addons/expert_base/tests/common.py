import contextlib
import json
import re
from unittest.mock import patch

from lxml import html

from odoo import Command, exceptions
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, new_test_user

from odoo.addons.base.tests.common import BaseCommon


@contextlib.contextmanager
def count_wkhtmltopdf_runs(env):
    """Yield a list that gets, for each wkhtmltopdf run while the block
    runs, the number of documents it rendered."""
    Report = type(env["ir.actions.report"])
    run = Report._run_wkhtmltopdf
    calls = []

    def counted(report, bodies, *args, **kwargs):
        calls.append(len(bodies))
        return run(report, bodies, *args, **kwargs)

    with patch.object(Report, "_run_wkhtmltopdf", counted):
        yield calls


class ExpertPlatformCommon(BaseCommon):
    """Two experts with a product each, a platform manager and a portal client.

    Other suite modules build their fixtures on top of this one.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.expert_a = new_test_user(
            cls.env, login="expert_a", name="Expert A", groups="expert_base.group_expert", tz="Europe/Brussels"
        )
        cls.expert_b = new_test_user(
            cls.env, login="expert_b", name="Expert B", groups="expert_base.group_expert", tz="America/New_York"
        )
        cls.platform_manager = new_test_user(
            cls.env, login="platform_manager", name="Platform Manager", groups="expert_base.group_platform_manager"
        )
        cls.client_user = new_test_user(
            cls.env, login="client_a", name="Client A", groups="base.group_portal", tz="Europe/Paris"
        )
        cls.client_partner = cls.client_user.partner_id
        cls.client_partner.email = "client.a@example.com"
        cls.product_a = cls._create_expert_product(cls.expert_a, "Coaching A", 100.0)
        cls.product_b = cls._create_expert_product(cls.expert_b, "Coaching B", 80.0)

    @classmethod
    def _create_expert_product(cls, expert, name, price, **values):
        return cls.env["product.product"].create(
            {
                "name": name,
                "expert_id": expert.id,
                "type": "service",
                "invoice_policy": "order",
                "list_price": price,
                "taxes_id": [Command.clear()],
                **values,
            }
        )

    @classmethod
    def _create_order(cls, product, partner=None, quantity=1, confirm=True):
        order = cls.env["sale.order"].create(
            {
                "partner_id": (partner or cls.client_partner).id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": quantity})],
            }
        )
        if confirm:
            order.action_confirm()
        return order

    @classmethod
    def _invoice_order(cls, order):
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice


class CommittedCase(BaseCase):
    """Races between real transactions: ``self.registry.cursor()`` opens
    cursors that commit, as two workers' requests or crons do. The test
    commits its fixtures (other cursors must see them) and removes them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    @staticmethod
    def _committed_order(env, name, product_values, partner_values=None):
        """A new client's confirmed order of one new untaxed service
        (``name`` and ``product_values``), made in ``env``: committed with its
        cursor, so the test removes it."""
        partner = env["res.partner"].create({"name": f"{name} Client", **(partner_values or {})})
        product = env["product.product"].create(
            {
                "name": name,
                "type": "service",
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
                **product_values,
            }
        )
        order = env["sale.order"].create(
            {"partner_id": partner.id, "order_line": [Command.create({"product_id": product.id})]}
        )
        order.action_confirm()
        return order


def visible_text(page, xpath=None):
    """The text a reader sees in the HTML ``page``: of the nodes ``xpath``
    finds (each must be there), else of the main content (the whole page
    without one); no scripts, styles or templates, white space folded."""
    tree = html.fromstring(page)
    for node in tree.xpath("//script | //style | //template"):
        node.drop_tree()
    nodes = tree.xpath(xpath or "//main") or ([] if xpath else [tree])
    if not nodes:
        raise AssertionError(f"nothing at {xpath} on the page")
    return " ".join(" ".join(node.text_content().split()) for node in nodes)


def form_csrf_token(html):
    """The CSRF token of the form on a page, as the browser posts it back."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    if not match:
        raise AssertionError("no form with a CSRF token on the page")
    return match.group(1)


class PortalFormMixin:
    """For HttpCase: post a page's form as the browser does."""

    def _csrf(self, url):
        """The CSRF token of the form on the page at ``url``."""
        return form_csrf_token(self.url_open(url).text)


class PageQueriesMixin:
    """For HttpCase: the SQL queries of one warm request of a page."""

    def _page_queries(self, url):
        self.url_open(url)  # warm up
        self.url_open(url)
        before = self.cr.sql_log_count
        self.assertEqual(self.url_open(url).status_code, 200)
        return self.cr.sql_log_count - before


class RpcMixin:
    """For HttpCase: call a model method over the real JSON-RPC entry point
    of the web client (``/web/dataset/call_kw``) as a logged-in user (test
    users' password is their login).

    Odoo's own errors come back as the same exception class (AccessError,
    UserError, ValidationError, MissingError), with the server's message, so
    ``assertRaises`` works as with a direct call; anything else (a 500
    trace) raises ``RpcServerError``.
    """

    def rpc(self, login, model, method, *args, **kwargs):
        if getattr(self, "_rpc_login", None) != login:
            self.authenticate(login, login)
            self._rpc_login = login
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        }
        # the request runs in its own environment: it reads what the test
        # wrote, and the test reads what it wrote
        self.env.flush_all()
        try:
            response = self.url_open(
                f"/web/dataset/call_kw/{model}/{method}",
                data=json.dumps(payload, default=str),
                headers={"Content-Type": "application/json"},
            )
        finally:
            self.env.invalidate_all()
        body = response.json()
        if "error" not in body:
            return body["result"]
        data = body["error"]["data"]
        module, _dot, name = data["name"].rpartition(".")
        error = getattr(exceptions, name, None) if module == "odoo.exceptions" else None
        if error is None:
            raise RpcServerError(f"{data['name']}: {data['message']}")
        raise error(data["message"])


class RpcServerError(Exception):
    """An RPC call answered with an error that is not one of Odoo's user
    errors (a bug: a trace where a clear refusal was expected)."""


class OnlinePaymentMixin:
    """For classes built on ``payment``'s PaymentCommon: its test provider
    gets a bank journal and a payment method, as account_payment's own test
    common does, so that done transactions create their payments."""

    @classmethod
    def _setup_online_payments(cls):
        PaymentMethod = cls.env.registry["account.payment.method"]
        original = PaymentMethod._get_payment_method_information

        def _get_payment_method_information(self):
            return dict(original(self), none={"mode": "electronic", "domain": [("type", "=", "bank")]})

        with patch.object(PaymentMethod, "_get_payment_method_information", _get_payment_method_information):
            cls.env["account.payment.method"].sudo().create(
                {"name": "Dummy method", "code": "none", "payment_type": "inbound"}
            )
            cls.dummy_provider.journal_id = cls.env["account.journal"].search(
                [("company_id", "=", cls.env.company.id), ("type", "=", "bank")], limit=1
            )

    @classmethod
    def _done_transaction(cls, order, **values):
        """A done online payment transaction of ``order`` (not processed yet)."""
        return (
            cls.env["payment.transaction"]
            .sudo()
            .create(
                {
                    "provider_id": cls.dummy_provider.id,
                    "payment_method_id": cls.dummy_provider.payment_method_ids[:1].id,
                    "operation": "online_redirect",
                    "amount": order.amount_total,
                    "currency_id": order.currency_id.id,
                    "partner_id": order.partner_id.id,
                    "reference": f"{order.name}-online",
                    "sale_order_ids": [Command.set(order.ids)],
                    "state": "done",
                    **values,
                }
            )
        )

    @classmethod
    def _paid_online(cls, order):
        """A done online payment of ``order``, not reconciled with any invoice
        (an outstanding credit of the client)."""
        tx = cls._done_transaction(order)
        tx._create_payment()
        return tx.payment_id
