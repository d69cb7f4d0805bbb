"""What the suite-wide access tests share: the suite's code, a snapshot of
the data that matters, and logged-in users who own nothing."""

import json
import pathlib
import re

from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, new_test_user
from odoo.tools import SQL

SUITE_DIR = pathlib.Path(get_module_path("expert_platform")).parent
SUITE_MODULES = frozenset(path.parent.name for path in SUITE_DIR.glob("*/__manifest__.py"))

# Business tables a refused call could touch besides the suite's own models
# (res_users is left out: logging in writes its login date)
CORE_TABLES = (
    "account_full_reconcile",
    "account_move",
    "account_move_line",
    "account_partial_reconcile",
    "account_payment",
    "calendar_attendee",
    "calendar_event",
    "crm_lead",
    "discuss_channel",
    "discuss_channel_member",
    "ir_attachment",
    "mail_activity",
    "mail_followers",
    "mail_mail",
    "mail_message",
    "mail_notification",
    "payment_transaction",
    "product_template",
    "project_task",
    "res_company",
    "res_partner",
    "sale_order",
    "sale_order_line",
)
SKIPPED_TABLES = {"res_users", "res_users_log", "res_users_settings", "bus_presence", "ir_sessions"}


def suite_module_of(obj):
    """The suite module that defines ``obj`` (a class or function), or None."""
    parts = (getattr(obj, "__module__", None) or "").split(".")
    if len(parts) > 2 and parts[:2] == ["odoo", "addons"] and parts[2] in SUITE_MODULES:
        return parts[2]
    return None


def suite_classes(model):
    """The classes of suite code that define or extend ``model`` itself
    (not the extensions of every model through ``base``)."""
    for klass in type(model).__mro__:
        if not suite_module_of(klass):
            continue
        inherit = vars(klass).get("_inherit") or []
        inherit = [inherit] if isinstance(inherit, str) else inherit
        if vars(klass).get("_name") == model._name or model._name in inherit:
            yield klass


class SuiteAccessCase(HttpCase):
    """Two users who own nothing (a client and an expert), so that every
    record of the demo is someone else's, and a snapshot of what matters."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outsider_client = new_test_user(
            cls.env, login="rpc_client", password="rpc_client_pw", groups="base.group_portal", name="RPC Client"
        )
        cls.outsider_expert = new_test_user(
            cls.env, login="rpc_expert", password="rpc_expert_pw", groups="expert_base.group_expert", name="RPC Expert"
        )
        cls.snapshot_tables = cls._snapshot_tables()

    @classmethod
    def _snapshot_tables(cls):
        tables = set(CORE_TABLES)
        for model in cls.env.values():
            if model._abstract or model._transient or not model._auto or not any(suite_classes(model)):
                continue
            tables.add(model._table)
            for field in model._fields.values():
                if field.type == "many2many" and field.store:
                    tables.add(field.relation)
        cls.env.cr.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY(%s)", [list(tables)]
        )
        return sorted({table for (table,) in cls.env.cr.fetchall()} - SKIPPED_TABLES)

    def snapshot(self):
        """Row count and a digest of the content of every table that matters."""
        self.env.flush_all()
        result = {}
        for table in self.snapshot_tables:
            self.env.cr.execute(
                SQL(
                    "SELECT count(*), md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) FROM %s t",
                    SQL.identifier(table),
                )
            )
            result[table] = self.env.cr.fetchone()
        return result

    def assertSnapshotEqual(self, before, after, what):
        changed = sorted(table for table in before if before[table] != after[table])
        self.assertFalse(changed, f"{what} changed {changed}")

    def login(self, user, password):
        self.authenticate(user, password)

    def call_kw(self, model, method, args=(), kwargs=None):
        """Call a model method over the web client's JSON-RPC entry point;
        returns the JSON-RPC ``result`` or ``error``."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs or {}},
        }
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200, f"{model}.{method}: HTTP {response.status_code}")
        return response.json()

    def csrf_token(self):
        page = self.url_open("/my").text  # the login page for the public user
        match = re.search(r'csrf_token["\']?\s*[:=]\s*["\']([0-9a-f]+o[0-9]+)["\']', page) or re.search(
            r'name="csrf_token" value="([^"]+)"', page
        )
        self.assertTrue(match, "no CSRF token on the page")
        return match.group(1)
