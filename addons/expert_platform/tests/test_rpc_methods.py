"""Issue 13: a test that cannot be fooled by a new method.

Every public method (a name without a leading ``_``) of suite code is an
RPC endpoint for every logged-in user. Each one found in the registry is
called over ``/web/dataset/call_kw`` by a client and by an expert who own
nothing (every record of the demo is someone else's): the call is refused
(AccessError, UserError, MissingError, ValidationError) or changes nothing,
and never crashes. A method that takes arguments, or lives on a wizard, needs
a fixture below: a method added later without one makes the test fail with
its name.
"""

import inspect
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SuiteAccessCase, suite_classes, suite_module_of

# Odoo's CRUD and framework entry points: the access rights and record rules
# decide them, other tests check those.
CRUD = frozenset(
    {
        "browse",
        "copy",
        "create",
        "default_get",
        "fields_get",
        "name_create",
        "name_search",
        "onchange",
        "read",
        "read_group",
        "search",
        "search_count",
        "search_read",
        "unlink",
        "web_read",
        "web_save",
        "web_search_read",
        "write",
    }
)
REFUSALS = frozenset(
    {
        "odoo.exceptions.AccessDenied",
        "odoo.exceptions.AccessError",
        "odoo.exceptions.MissingError",
        "odoo.exceptions.UserError",
        "odoo.exceptions.ValidationError",
    }
)

ANY = "refused or nothing changed"
REFUSED = "refused"


def suite_public_methods(env):
    """{(model, method): function} of the public methods suite code defines."""
    methods = {}
    for model in env.values():
        for klass in suite_classes(model):
            for name, function in vars(klass).items():
                if name.startswith("_") or name in CRUD or not inspect.isfunction(function):
                    continue
                methods.setdefault((model._name, name), function)
    return methods


def required_parameters(function):
    parameters = list(inspect.signature(function).parameters.values())[1:]
    return [
        parameter.name
        for parameter in parameters
        if parameter.default is inspect.Parameter.empty
        and parameter.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    ]


@tagged("post_install", "-at_install")
class TestSuitePublicMethods(SuiteAccessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # someone else's records, from the demo
        cls.booking = env["session.booking"].search([("state", "=", "booked")], limit=1)
        cls.line = cls.booking.sale_line_id
        cls.order = cls.line.order_id
        cls.invoice = cls.order.invoice_ids[:1]
        # a payment of the demo and its reconciliation with an invoice
        cls.partial = env["account.partial.reconcile"].search([], limit=1)
        cls.payment = env["account.payment"].search([], limit=1)
        cls.foreign = {
            "account.move": cls.invoice,
            "account.payment": cls.payment,
            "calendar.event": cls.booking.calendar_event_id,
            "client.center": env["client.center"].search([], limit=1),
            "client.goal": env["client.goal"].search([], limit=1),
            "client.goal.note": env["client.goal.note"].search([], limit=1),
            "crm.lead": env["crm.lead"].search([("expert_id", "!=", False)], limit=1),
            "payment.token": env["payment.token"].search([], limit=1),
            "product.template": cls.line.product_id.product_tmpl_id,
            "project.task": env["project.task"].search([("is_support_ticket", "=", True)], limit=1),
            "recurring.order": env["recurring.order"].search([("state", "=", "active")], limit=1),
            "res.company": env.company,
            "res.partner": cls.order.partner_id,
            "res.users": cls.booking.expert_id,
            "revenue.share.line": env["revenue.share.line"].search([], limit=1),
            # an empty draft: nothing but the caller's rights keeps it
            "revenue.share.settlement": env["revenue.share.settlement"].create(
                {
                    "expert_id": cls.booking.expert_id.id,
                    "date_from": fields.Date.today().replace(day=1),
                    "date_to": fields.Date.today(),
                }
            ),
            "sale.order": cls.order,
            "sale.order.line": cls.line,
            "session.booking": cls.booking,
            "session.cancellation.policy": env["session.cancellation.policy"].search([], limit=1),
        }
        start = fields.Datetime.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=3)
        # methods that take arguments, or wizards created by the caller first:
        # how to call them on someone else's records
        cls.fixtures = {
            ("account.move", "js_assign_outstanding_line"): lambda case: case._call_records(
                "account.move", "js_assign_outstanding_line", cls.invoice, cls.partial.credit_move_id.id
            ),
            ("account.move", "js_remove_outstanding_partial"): lambda case: case._call_records(
                "account.move", "js_remove_outstanding_partial", cls.partial.debit_move_id.move_id, cls.partial.id
            ),
            ("sms.composer", "action_send_sms"): lambda case: case._call_wizard(
                "sms.composer",
                "action_send_sms",
                {"res_model": "account.move", "res_id": cls.invoice.id, "body": "Please pay", "number_field_name": ""},
            ),
            ("discuss.channel", "channel_get"): lambda case: case._call_model(
                "discuss.channel", "channel_get", cls.foreign["res.partner"].ids
            ),
            ("res.partner", "im_search"): lambda case: case._call_model("res.partner", "im_search", "a"),
            ("crm.lead", "website_form_input_filter"): lambda case: case._call_records(
                "crm.lead", "website_form_input_filter", env["crm.lead"], None, {"expert_id": cls.booking.expert_id.id}
            ),
            ("project.task", "create_support_ticket"): lambda case: case._call_model(
                "project.task", "create_support_ticket", "About your order", sale_order=cls.order.id
            ),
            ("project.task", "message_new"): lambda case: case._call_model(
                "project.task",
                "message_new",
                {"subject": "Hello", "email_from": "someone@example.com", "body": "<p>Hi</p>"},
            ),
            ("product.change.request.wizard", "action_send_request"): lambda case: case._call_wizard(
                "product.change.request.wizard",
                "action_send_request",
                {
                    "product_tmpl_id": cls.foreign["product.template"].id,
                    "reason": "Cheaper",
                    "line_ids": [(0, 0, {"field_name": "list_price", "new_value": "1"})],
                },
            ),
            ("recurring.order", "action_complete"): lambda case: case._call_records(
                "recurring.order", "action_complete", cls.foreign["recurring.order"], "Done"
            ),
            ("recurring.order", "action_suspend"): lambda case: case._call_records(
                "recurring.order", "action_suspend", cls.foreign["recurring.order"], "Holidays"
            ),
            ("recurring.order.status.wizard", "action_confirm"): lambda case: case._call_wizard(
                "recurring.order.status.wizard",
                "action_confirm",
                {
                    "recurring_order_ids": [(6, 0, cls.foreign["recurring.order"].ids)],
                    "action": "complete",
                    "reason": "Done",
                },
            ),
            ("customer.status.wizard", "action_confirm"): lambda case: case._call_wizard(
                "customer.status.wizard",
                "action_confirm",
                {"partner_ids": [(6, 0, cls.foreign["res.partner"].ids)], "action": "cancel", "reason": "Fraud"},
            ),
            ("customer.anonymize.wizard", "action_confirm"): lambda case: case._call_wizard(
                "customer.anonymize.wizard",
                "action_confirm",
                {"partner_id": cls.foreign["res.partner"].id, "confirmation": cls.foreign["res.partner"].name},
            ),
            ("revenue.share.settle.wizard", "action_settle"): lambda case: case._call_wizard(
                "revenue.share.settle.wizard",
                "action_settle",
                {"expert_ids": [(6, 0, cls.booking.expert_id.ids)], "post": True},
            ),
            ("session.booking.wizard", "action_confirm"): lambda case: case._call_wizard(
                "session.booking.wizard",
                "action_confirm",
                {"sale_line_id": cls.line.id, "date": fields.Date.to_string(start.date()), "start": str(start)},
            ),
            ("session.penalty.waive.wizard", "action_waive"): lambda case: case._call_wizard(
                "session.penalty.waive.wizard", "action_waive", {"booking_id": cls.booking.id, "reason": "Kind"}
            ),
            ("sale.partial.payment.take", "action_take"): lambda case: case._call_wizard(
                "sale.partial.payment.take",
                "action_take",
                {
                    "order_id": cls.order.id,
                    "method": "manual",
                    "amount": 1.0,
                    "journal_id": cls.payment.journal_id.id,
                    "comment": "cheque",
                },
            ),
            ("sale.partial.payment.decision", "action_apply"): lambda case: case._call_wizard(
                "sale.partial.payment.decision",
                "action_apply",
                {"order_id": cls.order.id, "decision": "confirm", "reason": "Paid"},
            ),
            ("sale.attribution.check", "action_confirm"): lambda case: case._call_wizard(
                "sale.attribution.check",
                "action_confirm",
                {"order_ids": [(6, 0, cls.order.ids)], "attribution": "system"},
            ),
            ("sales.report.detail", "action_open"): lambda case: case._call_model("sales.report.detail", "action_open"),
            ("sales.report.detail", "action_refresh"): lambda case: case._call_wizard(
                "sales.report.detail", "action_refresh", {}
            ),
            ("sales.report.detail", "action_download_csv"): lambda case: case._call_wizard(
                "sales.report.detail", "action_download_csv", {}
            ),
            # who cancels is the caller's role, never an argument (issue 13.5)
            ("session.booking", "action_cancel"): lambda case: case._call_records(
                "session.booking", "action_cancel", cls.booking, cancelled_by="platform", reason="Gone"
            ),
        }
        # these must be refused, not merely leave the data as it was
        cls.expected = {
            ("account.move", "js_assign_outstanding_line"): REFUSED,
            ("account.move", "js_remove_outstanding_partial"): REFUSED,
            ("account.payment", "action_cancel"): REFUSED,
            ("account.payment", "action_draft"): REFUSED,
            ("account.payment", "action_post"): REFUSED,
            ("account.move", "button_draft"): REFUSED,
            ("discuss.channel", "channel_get"): REFUSED,
            ("customer.anonymize.wizard", "action_confirm"): REFUSED,
            ("customer.status.wizard", "action_confirm"): REFUSED,
            ("res.partner", "action_customer_anonymize"): REFUSED,
            ("res.partner", "action_customer_cancel"): REFUSED,
            ("res.partner", "action_customer_close"): REFUSED,
            ("res.partner", "action_customer_reactivate"): REFUSED,
            ("res.partner", "action_customer_request_anonymization"): REFUSED,
            ("recurring.order", "action_activate"): REFUSED,
            ("recurring.order", "action_complete"): REFUSED,
            ("recurring.order", "action_suspend"): REFUSED,
            ("revenue.share.settlement", "action_cancel"): REFUSED,
            ("revenue.share.settlement", "action_post"): REFUSED,
            ("revenue.share.settlement", "action_retry_payout"): REFUSED,
            ("revenue.share.settlement", "unlink_draft"): REFUSED,
            ("session.booking", "action_cancel"): REFUSED,
            ("sale.order", "action_partial_confirm"): REFUSED,
            ("sale.order", "action_partial_reject"): REFUSED,
            ("sale.order", "action_partial_take_payment"): REFUSED,
            ("sale.partial.payment.take", "action_take"): REFUSED,
            ("sale.partial.payment.decision", "action_apply"): REFUSED,
            ("sale.order", "action_sale_check"): REFUSED,
            ("sale.attribution.check", "action_confirm"): REFUSED,
            ("session.booking", "action_mark_done"): REFUSED,
            ("session.booking", "action_mark_no_show"): REFUSED,
            ("project.task", "message_new"): REFUSED,
        }

    # ------------------------------------------------------------------
    # Calls
    # ------------------------------------------------------------------

    def _result(self, response):
        if "error" in response:
            name = response["error"]["data"]["name"]
            self.assertIn(name, REFUSALS, f"not a refusal but a crash: {response['error']['data'].get('message')}")
            return "refused"
        return "done"

    def _call_model(self, model, method, *args, **kwargs):
        return [self._result(self.call_kw(model, method, args, kwargs))]

    def _call_records(self, model, method, records, *args, **kwargs):
        return [self._result(self.call_kw(model, method, [records.ids, *args], kwargs))]

    def _call_wizard(self, model, method, values):
        response = self.call_kw(model, "create", [values])
        if "error" in response:
            return [self._result(response)]
        return [self._result(self.call_kw(model, method, [[response["result"]]]))]

    def _default_call(self, model, method, function):
        """A method without required arguments: on someone else's record,
        or on the model when it is an ``@api.model`` method."""
        if getattr(function, "_api", None) == "model" or method == "init":
            return self._call_model(model, method)
        records = self.foreign.get(model)
        self.assertTrue(records, f"no {model} record in the demo to call {method} on: add one to the test")
        return self._call_records(model, method, records)

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------

    def test_every_public_method_has_a_way_to_be_called(self):
        methods = suite_public_methods(self.env)
        # the enumeration finds the suite's methods (issue 13.1: unlink_draft is private now)
        self.assertIn(("revenue.share.settlement", "action_post"), methods)
        self.assertNotIn(("revenue.share.settlement", "unlink_draft"), methods)
        self.assertTrue(self.partial and self.payment, "the fixtures need a paid invoice in the demo")
        self.assertTrue(self.foreign["recurring.order"], "the fixtures need an active recurring order in the demo")
        uncovered = sorted(
            f"{model}.{method} ({suite_module_of(function)})"
            for (model, method), function in methods.items()
            if (model, method) not in self.fixtures and (required_parameters(function) or self.env[model]._transient)
        )
        self.assertFalse(uncovered, "public methods without a fixture in test_rpc_methods.py")
        stale = sorted(f"{model}.{method}" for model, method in self.fixtures if (model, method) not in methods)
        self.assertFalse(stale, "fixtures of methods that no longer exist")

    def _check_every_method(self, user, password):
        self.login(user, password)
        methods = suite_public_methods(self.env)
        for (model, method), function in sorted(methods.items()):
            if (model, method) not in self.fixtures and (required_parameters(function) or self.env[model]._transient):
                continue  # reported by test_every_public_method_has_a_way_to_be_called
            with self.subTest(user=user, method=f"{model}.{method}"):
                before = self.snapshot()
                with mute_logger("odoo.http", "odoo.addons.base.models.ir_rule"):
                    if (model, method) in self.fixtures:
                        outcomes = self.fixtures[model, method](self)
                    else:
                        outcomes = self._default_call(model, method, function)
                self.assertSnapshotEqual(before, self.snapshot(), f"{user} calling {model}.{method}")
                if self.expected.get((model, method)) == REFUSED:
                    self.assertEqual(outcomes[-1], "refused", f"{user} calling {model}.{method} was not refused")

    def test_client_calls_every_public_method(self):
        self._check_every_method("rpc_client", "rpc_client_pw")

    def test_expert_calls_every_public_method_on_others_records(self):
        self._check_every_method("rpc_expert", "rpc_expert_pw")
