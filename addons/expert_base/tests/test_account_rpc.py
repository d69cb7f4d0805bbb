import json

from odoo.tests import HttpCase, tagged

from .test_account_access import ExpertAccountingCommon


@tagged("post_install", "-at_install")
class TestExpertAccountingRpc(ExpertAccountingCommon, HttpCase):
    """The expert's accounting rights through the real RPC entry point: an
    expert never sees, pays or reconciles another expert's client's invoice,
    and a portal client touches no journal entry."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.online_a = cls._paid_online(cls.order_a)
        cls.payment_b = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=cls.invoice_b.ids)
            .create({"payment_date": "2026-03-12"})
            ._create_payments()
        )

    def _rpc(self, model, method, *args, **kwargs):
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _assert_rpc_refused(self, model, method, *args, **kwargs):
        answer = self._rpc(model, method, *args, **kwargs)
        self.assertIn("error", answer, f"{model}.{method}{args} was not refused: {answer.get('result')}")
        self.assertIn(
            answer["error"]["data"]["name"],
            ("odoo.exceptions.AccessError", "odoo.exceptions.UserError", "odoo.exceptions.MissingError"),
            answer["error"]["data"].get("message"),
        )

    def test_expert_reads_its_payments_only(self):
        self.authenticate("expert_a", "expert_a")
        answer = self._rpc("account.payment", "search_read", [], fields=["amount", "partner_id"])
        self.assertEqual([payment["id"] for payment in answer["result"]], self.online_a.ids)
        self._assert_rpc_refused("account.payment", "read", self.payment_b.ids, ["amount"])
        self._assert_rpc_refused("account.move", "read", self.invoice_b.ids, ["amount_total"])

    def test_expert_cannot_pay_or_reconcile_another_experts_invoice(self):
        self.authenticate("expert_a", "expert_a")
        before = self._snapshot()
        line_a = self._receivable(self.online_a.move_id)
        line_b = self._receivable(self.invoice_b)
        # Add on the other expert's invoice, or the other expert's credit on its own invoice
        self._assert_rpc_refused("account.move", "js_assign_outstanding_line", self.invoice_b.ids, line_a.id)
        self._assert_rpc_refused("account.move", "js_assign_outstanding_line", self.invoice_a.ids, line_b.id)
        self._assert_rpc_refused(
            "account.move",
            "js_assign_outstanding_line",
            self.invoice_a.ids,
            self._receivable(self.payment_b.move_id).id,
        )
        # Register Payment on the other expert's invoice
        answer = self._rpc(
            "account.payment.register",
            "create",
            {"payment_date": "2026-03-12"},
            context={"active_model": "account.move", "active_ids": self.invoice_b.ids},
        )
        if "result" in answer:
            self._assert_rpc_refused("account.payment.register", "action_create_payments", [answer["result"]])
        # reconcile or unreconcile journal items directly
        self._assert_rpc_refused("account.move.line", "reconcile", (line_a | self._receivable(self.invoice_a)).ids)
        partial = self.payment_b.move_id.line_ids.matched_debit_ids
        self._assert_rpc_refused("account.partial.reconcile", "unlink", partial.ids)
        self._assert_rpc_refused("account.move.line", "remove_move_reconcile", line_b.ids)
        self._assert_rpc_refused("account.move", "js_remove_outstanding_partial", self.invoice_b.ids, partial.id)
        self._assert_rpc_refused("account.move", "button_draft", self.invoice_a.ids)
        self._assert_rpc_refused("account.payment", "action_draft", self.payment_b.ids)
        self._assert_rpc_refused("account.payment", "write", self.online_a.ids, {"amount": 1.0})
        self.assertEqual(self._snapshot(), before)

    def test_expert_adds_its_online_payment_over_rpc(self):
        self.authenticate("expert_a", "expert_a")
        line = self._receivable(self.online_a.move_id)
        answer = self._rpc("account.move", "js_assign_outstanding_line", self.invoice_a.ids, line.id)
        self.assertNotIn("error", answer, answer.get("error"))
        self.assertEqual(self.invoice_a.payment_state, "paid")

    def test_portal_client_touches_no_journal_entry(self):
        self.authenticate("client_a", "client_a")
        before = self._snapshot()
        line = self._receivable(self.online_a.move_id)
        self._assert_rpc_refused("account.move", "js_assign_outstanding_line", self.invoice_a.ids, line.id)
        self._assert_rpc_refused("account.payment", "search_read", [], fields=["amount"])
        self._assert_rpc_refused("account.move.line", "reconcile", (line | self._receivable(self.invoice_a)).ids)
        self._assert_rpc_refused(
            "account.payment",
            "create",
            {"payment_type": "inbound", "partner_type": "customer", "partner_id": self.client_partner.id, "amount": 1},
        )
        self.assertEqual(self._snapshot(), before)
