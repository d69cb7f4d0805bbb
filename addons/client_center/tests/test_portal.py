import re
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.expert_base.tests.common import PortalFormMixin
from odoo.addons.session_booking_penalty.tests.common import NOW

from .common import ClientCenterCommon


class PaymentProviderMixin:
    @classmethod
    def _enable_test_provider(cls):
        """A published provider in test mode with its journal's payment
        method line, as Odoo's own account_payment tests set it up."""
        method = cls.env.ref("payment.payment_method_unknown")
        journal = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", cls.env.company.id)], limit=1
        )
        PaymentMethod = cls.env.registry["account.payment.method"]
        original = PaymentMethod._get_payment_method_information

        def _get_payment_method_information(self):
            res = original(self)
            res["none"] = {"mode": "electronic", "domain": [("type", "=", "bank")]}
            return res

        with patch.object(PaymentMethod, "_get_payment_method_information", _get_payment_method_information):
            cls.env["account.payment.method"].sudo().create(
                {"name": "Test method", "code": "none", "payment_type": "inbound"}
            )
            provider = cls.env["payment.provider"].create(
                {
                    "name": "Test Provider",
                    "code": "none",
                    "state": "test",
                    "is_published": True,
                    "company_id": cls.env.company.id,
                    "payment_method_ids": [Command.set(method.ids)],
                }
            )
            provider.journal_id = journal
        method.active = True
        return provider


@tagged("post_install", "-at_install")
class TestClientCenterPortal(PortalFormMixin, PaymentProviderMixin, ClientCenterCommon, HttpCase):
    def test_every_panel_renders(self):
        self._enable_test_provider()
        overdue = self._due_invoice(40.0, days_overdue=5)
        self._due_invoice(60.0, days_overdue=-10)
        quotation = self._create_order(self.package, confirm=False)
        quotation.action_quotation_sent()
        self.authenticate("client_a", "client_a")
        self.assertIn("o_client_center_entry", self.url_open("/my/home").text)
        response = self.url_open("/client-center")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/client-center/main"))
        self.assertIn("o_client_center_counter_payments", response.text)
        self.assertIn("o_client_center_chat", response.text)
        page = self.url_open("/client-center/main/payments").text
        self.assertIn(overdue.name, page)
        self.assertEqual(page.count("o_client_center_overdue"), 1)
        page = self.url_open("/client-center/main/orders").text
        self.assertIn(quotation.name, page)
        self.assertIn("o_client_center_cancel", page)
        page = self.url_open("/client-center/main/invoices?filterby=unpaid&sortby=amount").text
        self.assertIn(overdue.name, page)
        self.assertIn("o_client_center_pdf", page)
        page = self.url_open("/client-center/main/sessions").text
        self.assertIn("o_client_center_panel_sessions", page)
        page = self.url_open(f"/client-center/main/payments/pay?invoice_ids={overdue.id}").text
        self.assertIn("o_client_center_pay_total", page)
        self.assertIn(f"/client-center/main/payments/transaction/{overdue.id}", page)

    def test_statement_pdf(self):
        invoice = self._due_invoice(40.0, days_overdue=45)
        foreign = self._due_invoice(70.0, days_overdue=45, partner=self.other_partner)
        self.authenticate("client_a", "client_a")
        response = self.url_open("/client-center/main/payments/statement")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn("attachment", response.headers["Content-Disposition"])
        # in test mode Odoo renders reports as HTML instead of calling wkhtmltopdf
        self.assertIn(invoice.name, response.text)
        self.assertNotIn(foreign.name, response.text)
        self.assertIn("o_client_center_statement_aging", response.text)

    def test_cancel_quotation_and_refuse_confirmed(self):
        quotation = self._create_order(self.package, confirm=False)
        quotation.action_quotation_sent()
        confirmed = self._create_order(self.package)
        self.authenticate("client_a", "client_a")
        csrf = self._csrf("/client-center/main/orders")
        response = self.url_open(f"/client-center/main/orders/{quotation.id}/cancel", data={"csrf_token": csrf})
        self.assertIn("notice=cancelled", response.url)
        self.assertEqual(quotation.state, "cancel")
        response = self.url_open(f"/client-center/main/orders/{confirmed.id}/cancel", data={"csrf_token": csrf})
        self.assertIn("notice=cancel_refused", response.url)
        self.assertEqual(confirmed.state, "sale")

    def test_reorder_puts_packages_in_cart(self):
        self.package.website_published = True
        order = self._create_order(self.package, quantity=2)
        self.authenticate("client_a", "client_a")
        csrf = self._csrf("/client-center/main/orders")
        response = self.url_open(f"/client-center/main/orders/{order.id}/reorder", data={"csrf_token": csrf})
        self.assertTrue(response.url.endswith("/shop/cart"))
        cart = self.env["sale.order"].search(
            [("partner_id", "=", self.client_partner.id), ("state", "=", "draft")], order="id desc", limit=1
        )
        self.assertEqual(cart.order_line.product_id, self.package)
        self.assertEqual(cart.order_line.product_uom_qty, 2)

    def test_columns_are_remembered(self):
        self._due_invoice(40.0)
        ref_column = self.env.ref("client_center.client_center_column_payments_ref")
        self.authenticate("client_a", "client_a")
        page = self.url_open("/client-center/main/payments").text
        self.assertNotIn("o_client_center_col_ref", page)
        self.assertIn("o_client_center_col_invoice_date", page)
        csrf = self._csrf("/client-center/main/payments")
        response = self.url_open(
            "/client-center/main/columns",
            data={"csrf_token": csrf, "panel": "payments", "column_ids": str(ref_column.id)},
        )
        self.assertIn("notice=columns_saved", response.url)
        page = self.url_open("/client-center/main/payments").text
        self.assertIn("o_client_center_col_ref", page)
        self.assertNotIn("o_client_center_col_invoice_date", page)

    def test_one_transaction_pays_several_invoices(self):
        provider = self._enable_test_provider()
        first = self._due_invoice(40.0, days_overdue=10)
        second = self._due_invoice(60.0, days_overdue=3)
        untouched = self._due_invoice(25.0, days_overdue=1)
        self.authenticate("client_a", "client_a")
        page = self.url_open(f"/client-center/main/payments/pay?invoice_ids={first.id}&invoice_ids={second.id}").text
        route = re.search(r'data-transaction-route="([^"]+)"', page).group(1)
        access_token = re.search(r'data-access-token="([^"]+)"', page).group(1)
        self.assertEqual(route, f"/client-center/main/payments/transaction/{first.id},{second.id}")
        params = {
            "provider_id": provider.id,
            "payment_method_id": provider.payment_method_ids.id,
            "token_id": None,
            "amount": 100.0,
            "flow": "direct",
            "tokenization_requested": False,
            "landing_route": "/client-center/main/payments?notice=paid",
            "is_validation": False,
            "access_token": access_token,
        }
        processing = self.make_jsonrpc_request(route, params)
        tx = self.env["payment.transaction"].search([("reference", "=", processing["reference"])])
        self.assertEqual(tx.invoice_ids, first | second)
        self.assertEqual(tx.amount, 100.0)
        self.assertEqual(tx.partner_id, self.client_partner)
        tx._set_done()
        tx._reconcile_after_done()
        self.assertEqual(len(tx.payment_id), 1)
        self.assertIn(first.payment_state, ("paid", "in_payment"))
        self.assertIn(second.payment_state, ("paid", "in_payment"))
        self.assertEqual(untouched.payment_state, "not_paid")

    def test_transaction_refuses_a_stale_amount(self):
        provider = self._enable_test_provider()
        invoice = self._due_invoice(40.0, days_overdue=10)
        self.authenticate("client_a", "client_a")
        page = self.url_open(f"/client-center/main/payments/pay?invoice_ids={invoice.id}").text
        access_token = re.search(r'data-access-token="([^"]+)"', page).group(1)
        # a partial payment comes in meanwhile
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
            {"amount": 10.0}
        )._create_payments()
        params = {
            "provider_id": provider.id,
            "payment_method_id": provider.payment_method_ids.id,
            "token_id": None,
            "amount": 40.0,
            "flow": "direct",
            "tokenization_requested": False,
            "landing_route": "/client-center/main/payments",
            "is_validation": False,
            "access_token": access_token,
        }
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self.make_jsonrpc_request(f"/client-center/main/payments/transaction/{invoice.id}", params)
        self.assertFalse(self.env["payment.transaction"].search([("invoice_ids", "in", invoice.ids)]))

    def test_chat_post_goes_to_discuss(self):
        self.authenticate("client_a", "client_a")
        csrf = self._csrf("/client-center/main")
        response = self.url_open(
            "/client-center/main/chat",
            data={"csrf_token": csrf, "body": "Hello, I need help with my invoice"},
            headers={"Accept": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        result = response.json()
        channel = self.env["discuss.channel"].browse(result["channel_id"])
        self.assertEqual(channel.client_center_partner_id, self.client_partner)
        self.assertEqual(channel.channel_member_ids.partner_id, self.client_partner | self.support_user.partner_id)
        self.assertEqual(result["message"]["body"], "Hello, I need help with my invoice")
        # the support team answers from Discuss: the client sees it
        channel.with_user(self.support_user).message_post(
            body="We are on it!", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        page = self.url_open("/client-center/main").text
        self.assertIn("We are on it!", page)
        self.assertIn(f'data-channel-id="{channel.id}"', page)
        # an empty message changes nothing
        response = self.url_open(
            "/client-center/main/chat", data={"csrf_token": csrf, "body": "  "}, headers={"Accept": "application/json"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(len(channel.message_ids.filtered(lambda m: m.message_type == "comment")), 2)

    def test_new_order_when_enabled(self):
        self.package.sale_ok = True
        self.center.write({"allow_sale_order_creation": True, "product_ids": [Command.set(self.package.ids)]})
        self.authenticate("client_a", "client_a")
        page = self.url_open("/client-center/main/orders/new").text
        self.assertIn(f"qty_{self.package.id}", page)
        csrf = self._csrf("/client-center/main/orders/new")
        response = self.url_open(
            "/client-center/main/orders/new", data={"csrf_token": csrf, f"qty_{self.package.id}": "2"}
        )
        order = self.env["sale.order"].search([("partner_id", "=", self.client_partner.id)], order="id desc", limit=1)
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.order_line.product_uom_qty, 2)
        self.assertIn(f"/my/orders/{order.id}", response.url)
        # bad input: a clear message, no order
        page = self.url_open(
            "/client-center/main/orders/new", data={"csrf_token": csrf, f"qty_{self.package.id}": "abc"}
        ).text
        self.assertIn("o_client_center_order_error", page)
        self.assertEqual(self.env["sale.order"].search_count([("partner_id", "=", self.client_partner.id)]), 1)

    def test_credit_note_shows_as_a_credit(self):
        invoice = self._due_invoice(17.25, days_overdue=-5)
        invoice._reverse_moves(cancel=True)
        self.authenticate("client_a", "client_a")
        page = self.url_open("/client-center/main/invoices?filterby=credit_notes").text
        row = re.search(r"<tr[^>]*o_client_center_credit_note.*?</tr>", page, re.S).group(0)
        self.assertIn("17.25", row)
        self.assertNotIn("-17.25", row)
        self.assertNotIn("-&nbsp;17.25", row)
        self.assertIn("Credited", row)
        self.assertNotIn("To pay", row)

    def test_sessions_panel_sections_and_times(self):
        self.client_user.tz = "Europe/London"
        future = self._booked()
        cancelled = self._booked(start=self.tuesday_9 + timedelta(days=1))
        cancelled.action_cancel()
        self.authenticate("client_a", "client_a")
        with freeze_time(NOW):
            page = self.url_open("/client-center/main/sessions").text
        upcoming = page[
            page.index("o_client_center_sessions_upcoming") : page.index("o_client_center_sessions_packages")
        ]
        self.assertIn(future.name, upcoming)
        self.assertNotIn(cancelled.name, upcoming)
        self.assertIn("o_client_center_sessions_cancelled", page)
        self.assertIn(cancelled.name, page[page.index("o_client_center_sessions_cancelled") :])
        self.assertNotIn("o_client_center_sessions_past", page)
        # Tuesday 8 January 2030, 09:00 in Brussels is 08:00 in London
        self.assertIn("Tue 8 Jan 2030, 08:00 (Europe/London)", upcoming)
        # the heading is the size of the other panels' titles
        self.assertIn('<span class="navbar-brand mb-0 h1 me-auto text-wrap">Sessions</span>', page)

    def test_expired_packages_cannot_be_booked(self):
        with freeze_time(NOW):
            line = self._paid_package_line()
        line.session_expiry_date = fields.Datetime.now() - timedelta(days=1)
        open_line = self._paid_package_line()
        self.authenticate("client_a", "client_a")
        page = self.url_open("/client-center/main/sessions").text
        self.assertIn(f"/my/sessions/book/{open_line.id}", page)
        self.assertNotIn(f"/my/sessions/book/{line.id}", page)

    def test_chat_with_the_expert_and_support(self):
        self._create_order(self.package)
        self.authenticate("client_a", "client_a")
        page = self.url_open("/client-center/main").text
        self.assertIn("o_client_center_chat_tabs", page)
        self.assertIn(f'data-expert-id="{self.expert_a.id}"', page)
        self.assertIn("Chat with Expert A and support", page)
        csrf = self._csrf("/client-center/main")
        response = self.url_open(
            "/client-center/main/chat",
            data={"csrf_token": csrf, "body": "Hello Expert A", "expert_id": str(self.expert_a.id)},
            headers={"Accept": "application/json"},
        )
        channel = self.env["discuss.channel"].browse(response.json()["channel_id"])
        self.assertEqual(channel.client_center_expert_id, self.expert_a)
        self.assertIn(self.expert_a.partner_id, channel.channel_member_ids.partner_id)
        self.assertIn(self.support_user.partner_id, channel.channel_member_ids.partner_id)
        self.assertTrue(response.json()["message"]["date_label"].endswith(")"))
        page = self.url_open(f"/client-center/main?chat={self.expert_a.id}").text
        self.assertIn("Hello Expert A", page)
        page = self.url_open("/client-center/main?chat=0").text
        self.assertNotIn("Hello Expert A", page)
        self.assertIn("Chat with support", page)
