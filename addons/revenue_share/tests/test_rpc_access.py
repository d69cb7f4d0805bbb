import json
from types import FunctionType

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import RevenueShareCommon

MODULES = ("revenue_share", "revenue_share_session")
REFUSALS = ("odoo.exceptions.AccessError", "odoo.exceptions.UserError", "odoo.exceptions.MissingError")

# Every public method (an RPC endpoint for any logged-in user) the modules
# define: (model, method) -> the positional arguments of a call aimed at
# expert A's records. A new public method makes
# test_every_public_method_is_called fail until it is added here.
PUBLIC_CALLS = {
    ("account.move", "button_draft"): lambda t: [t.invoice_a.ids],
    ("account.partial.reconcile", "create"): lambda t: [
        {
            "debit_move_id": t._receivable(t.unpaid_a).id,
            "credit_move_id": t._receivable(t.credit_note_a).id,
            "amount": 1.0,
            "debit_amount_currency": 1.0,
            "credit_amount_currency": 1.0,
        }
    ],
    ("account.partial.reconcile", "unlink"): lambda t: [t._receivable(t.invoice_a).matched_credit_ids.ids],
    ("res.users", "action_view_revenue_share_lines"): lambda t: [t.expert_a.ids],
    ("res.users", "action_view_revenue_share_settlements"): lambda t: [t.expert_a.ids],
    ("revenue.share.line", "write"): lambda t: [
        t.invoice_a.revenue_share_line_ids.ids,
        {"expert_amount": 100.0, "platform_amount": 0.0},
    ],
    ("revenue.share.line", "init"): lambda t: [[]],
    ("revenue.share.settlement", "create"): lambda t: [
        {"expert_id": t.expert_a.id, "date_from": "2026-03-01", "date_to": "2026-03-31"}
    ],
    ("revenue.share.settlement", "action_post"): lambda t: [t.draft_a.ids],
    ("revenue.share.settlement", "action_retry_payout"): lambda t: [t.settlement_a.ids],
    ("revenue.share.settlement", "action_cancel"): lambda t: [(t.settlement_a | t.cancelled_a).ids],
    ("revenue.share.settle.wizard", "action_settle"): lambda t: [t.wizard.ids],
}

# what an expert may do on its own records (Odoo's own flow: a credit note
# reconciled with its invoice), left out of the "own records" run
OWN_ALLOWED = {("account.partial.reconcile", "create")}


@tagged("post_install", "-at_install")
class TestRevenueShareRpcAccess(RevenueShareCommon, HttpCase):
    """Every public method of revenue_share and revenue_share_session, called
    through the real RPC entry point by a portal client and by another expert
    on expert A's records (and by expert A on its own, for what only the
    platform may do): refused, or a no-op, and the database unchanged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice_a = cls._paid_invoice([(cls.product_a, 1, 100.0)], date="2026-03-05")
        cls.unpaid_a = cls._invoice([(cls.product_a, 1, 40.0)], date="2026-03-06")
        cls.credit_note_a = cls._invoice([(cls.product_a, 1, 10.0)], move_type="out_refund", date="2026-03-06")
        cls.settlement_a = cls._settle_class("2026-03-01", "2026-03-31")
        # an empty draft and a cancelled settlement, as the victims
        cls.draft_a = cls.env["revenue.share.settlement"].create(
            {"expert_id": cls.expert_a.id, "date_from": "2026-04-01", "date_to": "2026-04-30"}
        )
        cls.cancelled_a = cls.env["revenue.share.settlement"].create(
            {
                "expert_id": cls.expert_a.id,
                "date_from": "2026-02-01",
                "date_to": "2026-02-28",
                "state": "cancelled",
                "stripe_transfer_id": "tr_audit_trail",
                "stripe_cancel_reversal_id": "trr_audit_trail",
            }
        )
        cls.wizard = cls.env["revenue.share.settle.wizard"].create({})

    @classmethod
    def _settle_class(cls, date_from, date_to):
        settlement = cls.env["revenue.share.settlement"]._settle_period(date_from, date_to, experts=cls.expert_a)
        settlement._send_pending_payouts()
        return settlement

    def _receivable(self, move):
        return move.line_ids.filtered(lambda line: line.account_id.account_type == "asset_receivable")

    def _rpc(self, model, method, args, kwargs):
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {"model": model, "method": method, "args": args, "kwargs": kwargs},
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200, f"{model}.{method}")
        return response.json()

    def _snapshot(self):
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT (SELECT string_agg(concat_ws(':', id, state, settlement_id, expert_amount, platform_amount,
                                                is_settleable), ',' ORDER BY id) FROM revenue_share_line),
                   (SELECT string_agg(concat_ws(':', id, state, bill_id, stripe_transfer_id,
                                                stripe_cancel_reversal_id, payout_pending), ',' ORDER BY id)
                      FROM revenue_share_settlement),
                   (SELECT string_agg(concat_ws(':', id, state, payment_state), ',' ORDER BY id) FROM account_move),
                   (SELECT COUNT(*) FROM account_partial_reconcile),
                   (SELECT COUNT(*) FROM mail_message),
                   (SELECT COUNT(*) FROM mail_activity)
            """
        )
        return self.env.cr.fetchone()

    def _public_methods(self):
        found = set()
        for model_name in self.registry:
            for cls in type(self.env[model_name]).__mro__:
                if getattr(cls, "_module", None) not in MODULES:
                    continue
                for name, member in vars(cls).items():
                    if isinstance(member, FunctionType) and not name.startswith("_"):
                        found.add((model_name, name))
        return found

    def test_every_public_method_is_called(self):
        self.assertEqual(self._public_methods(), set(PUBLIC_CALLS))

    def _assert_refused_or_no_op(self, login, allowed=()):
        self.authenticate(login, login)
        before = self._snapshot()
        for key, call in sorted(PUBLIC_CALLS.items()):
            if key in allowed:
                continue
            with self.subTest(login=login, method=key):
                model, method = key
                answer = self._rpc(model, method, call(self), {})
                if "error" in answer:
                    self.assertIn(answer["error"]["data"]["name"], REFUSALS, answer["error"]["data"]["message"])
                self.assertEqual(self._snapshot(), before, f"{model}.{method} as {login} changed the database")

    def test_portal_client_is_refused(self):
        self._assert_refused_or_no_op("client_a")

    def test_other_expert_is_refused(self):
        self._assert_refused_or_no_op("expert_b")

    def test_expert_cannot_do_the_platforms_part_on_its_own_records(self):
        self._assert_refused_or_no_op("expert_a", allowed=OWN_ALLOWED)

    def test_unlink_draft_is_no_endpoint(self):
        """The issue's call: it deleted another expert's empty draft and a
        cancelled settlement with its Stripe ids."""
        for login in ("client_a", "expert_b"):
            self.authenticate(login, login)
            with mute_logger("odoo.http"):  # Odoo logs the call of a method that does not exist
                answer = self._rpc(
                    "revenue.share.settlement", "unlink_draft", [(self.draft_a | self.cancelled_a).ids], {}
                )
            self.assertIn("does not exist", answer["error"]["data"]["message"])
        self.assertTrue(self.draft_a.exists())
        self.assertEqual(self.cancelled_a.stripe_transfer_id, "tr_audit_trail")
