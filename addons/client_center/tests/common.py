import json
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user
from odoo.tools import mute_logger

from odoo.addons.session_booking_penalty.tests.common import PenaltyCommon


class ClientCenterCommon(PenaltyCommon):
    """The default center, a support agent, a second client and helpers
    creating the clients' invoices and orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.center = cls.env.ref("client_center.client_center_default")
        cls.support_user = new_test_user(cls.env, login="support_agent", name="Support Agent", groups="base.group_user")
        cls.center.support_user_ids = cls.support_user
        cls.other_user = new_test_user(cls.env, login="client_b", name="Client B", groups="base.group_portal")
        cls.other_partner = cls.other_user.partner_id
        cls.today = fields.Date.context_today(cls.env.user)

    @classmethod
    def _invoice_values(cls, partner, amount, due):
        """A customer invoice of ``amount`` (untaxed) due on ``due``, dated a month before."""
        return {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "invoice_date": due - timedelta(days=30),
            "invoice_date_due": due,
            "invoice_line_ids": [
                Command.create({"product_id": cls.product_a.id, "price_unit": amount, "tax_ids": [Command.clear()]})
            ],
        }

    @classmethod
    def _due_invoice(cls, amount=100.0, days_overdue=0, partner=None, post=True):
        """A customer invoice of ``amount`` due ``days_overdue`` days ago
        (negative: due later)."""
        due = cls.today - timedelta(days=days_overdue)
        invoice = cls.env["account.move"].create(cls._invoice_values(partner or cls.client_partner, amount, due))
        if post:
            invoice.action_post()
        return invoice

    @classmethod
    def _due_invoices(cls, count, partner=None):
        """``count`` posted due invoices created in one batch."""
        partner = partner or cls.client_partner
        invoices = cls.env["account.move"].create(
            [cls._invoice_values(partner, 10.0 + n, cls.today - timedelta(days=n % 60)) for n in range(count)]
        )
        invoices.action_post()
        return invoices

    @classmethod
    def _orders(cls, count, partner=None):
        """``count`` confirmed package orders created in one batch."""
        partner = partner or cls.client_partner
        orders = cls.env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "order_line": [Command.create({"product_id": cls.package.id, "product_uom_qty": 1})],
                }
                for _n in range(count)
            ]
        )
        orders.action_confirm()
        return orders


class RpcCallMixin:
    """For HttpCase: call a model method over the real RPC entry point
    (``/web/dataset/call_kw``) as the authenticated user."""

    def _call_kw(self, model, method, args, kwargs=None):
        with mute_logger("odoo.http"):
            return self.url_open(
                "/web/dataset/call_kw",
                data=json.dumps({"params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}}),
                headers={"Content-Type": "application/json"},
            ).json()
