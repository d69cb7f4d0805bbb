"""Issue 13: bad input on every suite route never answers 500 and writes
nothing.

The routes are read from the routing map (every controller of suite code,
including routes added later). Each is requested as the public user, a
client and an expert who own nothing, with someone else's ids, ids beyond
PostgreSQL's integer, NUL bytes, out-of-range dates, oversized strings and
wrong types, in the URL and in the parameters its handler takes.
"""

import inspect
import json
import re
from urllib.parse import quote

from werkzeug.routing.converters import NumberConverter

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SuiteAccessCase, suite_module_of

NUL = "a\x00b"
# oversized for any field (a longer GET URL is refused by the HTTP server or
# the proxy in front of Odoo before any code of the suite runs)
LONG = "x" * 6000
# the longest query string sent at once (nginx's default header buffer is 8 KiB)
MAX_QUERY = 8000
# invalid whatever the parameter
ALWAYS_BAD = (NUL, LONG)
# invalid for ids, numbers and dates
TYPED_BAD = ("9999-12-31 23:00:00", str(2**31), "abc")
URL_INT_BAD = (str(2**31), str(2**63), "0")
URL_STRING_BAD = ("main%00", "x" * 3000, "%2e%2e%2fweb")
# parameters handlers read from ``**kw``: give them bad values as well
KW_PARAMETERS = ("subject", "description", "sale_order_id", "session_id", "reason", "body", "date", "start")
ARGUMENT = re.compile(r"<(?:[^:<>]+:)?(?P<name>\w+)>")
TYPED_NAMES = ("date", "start", "stop", "page", "sortby", "filterby", "panel", "booked", "cancelled")


def is_typed(name):
    return name in TYPED_NAMES or name.endswith(("_id", "_ids"))


def suite_routes(env):
    """[(rule, endpoint function)] of the routes of suite controllers."""
    routes = []
    for rule in env["ir.http"].routing_map().iter_rules():
        function = getattr(rule.endpoint, "original_endpoint", rule.endpoint)
        if suite_module_of(function):
            routes.append((rule, function))
    return sorted(routes, key=lambda route: route[0].rule)


@tagged("post_install", "-at_install")
class TestSuiteRoutes(SuiteAccessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        booking = env["session.booking"].search([("state", "=", "booked")], limit=1)
        # someone else's ids, by the name of the URL argument
        cls.valid_arguments = {
            "slug": env["client.center"].search([], limit=1).slug or "main",
            "booking_id": str(booking.id),
            "line_id": str(booking.sale_line_id.id),
            "order_id": str(booking.sale_order_id.id),
            "invoice_ids": str(booking.sale_order_id.invoice_ids[:1].id),
            "page": "1",
        }

    def _urls(self, rule):
        """The route's URL with valid arguments, then with each argument bad."""
        converters = rule._converters
        valid = {name: self.valid_arguments.get(name, "1") for name in converters}
        urls = [self._fill(rule, valid)]
        for name, converter in converters.items():
            for bad in URL_INT_BAD if isinstance(converter, NumberConverter) else URL_STRING_BAD:
                urls.append(self._fill(rule, {**valid, name: bad}))
        return urls

    @staticmethod
    def _fill(rule, values):
        return ARGUMENT.sub(lambda match: values[match.group("name")], rule.rule)

    def _parameters(self, rule, function):
        """The parameters the handler names, and for forms posting into
        ``**kw`` the fields such forms send."""
        parameters = inspect.signature(function).parameters
        names = [
            name
            for name, parameter in parameters.items()
            if name != "self"
            and name not in rule.arguments
            and parameter.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
        ]
        posts = "POST" in (rule.methods or {"POST"})
        if posts and any(parameter.kind == inspect.Parameter.VAR_KEYWORD for parameter in parameters.values()):
            names += [name for name in KW_PARAMETERS if name not in names]
        return names

    def _request(self, rule, url, method, data, csrf):
        routing = rule.endpoint.routing
        if routing.get("type") == "json":
            payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": data}
            return self.url_open(url, data=json.dumps(payload), headers={"Content-Type": "application/json"})
        if method == "POST":
            return self.url_open(url, data={**data, "csrf_token": csrf}, allow_redirects=False)
        query = "&".join(f"{quote(key)}={quote(str(value))}" for key, value in data.items())
        return self.url_open(f"{url}?{query}" if query else url, allow_redirects=False)

    def _check_route(self, rule, function, role, every_parameter):
        """Bad URLs, then bad parameters: each parameter with each bad value
        (``every_parameter``), else every parameter with the same one."""
        # routes open to any method are pages: GET
        verbs = [verb for verb in ("GET", "POST") if verb in rule.methods] if rule.methods else ["GET"]
        csrf = self.csrf_token()
        # the public user is sent to the login page before any parameter is read
        signed_out = role == "public" and rule.endpoint.routing.get("auth") == "user"
        parameters = [] if signed_out else self._parameters(rule, function)
        urls = self._urls(rule)
        requests = [(url, verb, {}) for url in urls for verb in verbs]
        if every_parameter:
            for name in parameters:
                values = ALWAYS_BAD + (TYPED_BAD if is_typed(name) else ())
                requests += [(urls[0], verb, {name: value}) for value in values for verb in verbs]
        elif parameters:
            for value in ALWAYS_BAD:
                for verb in verbs:
                    if verb == "GET" and len(value) * len(parameters) > MAX_QUERY:
                        # one parameter at a time: all at once would make a
                        # request line the HTTP server refuses before Odoo
                        requests += [(urls[0], verb, {name: value}) for name in parameters]
                    else:
                        requests.append((urls[0], verb, dict.fromkeys(parameters, value)))
        before = self.snapshot()
        with mute_logger("odoo.http", "odoo.addons.base.models.ir_rule", "werkzeug"):
            for url, verb, data in requests:
                response = self._request(rule, url, verb, data, csrf)
                self.assertLess(
                    response.status_code,
                    500,
                    f"{role}: {verb} {url[:200]} {str(data)[:200]} answered {response.status_code}",
                )
        self.assertSnapshotEqual(before, self.snapshot(), f"{role} requesting {rule.rule} with bad input")

    def _check_every_route(self, role, login=None, password=None, every_parameter=False):
        self.login(login, password)
        routes = suite_routes(self.env)
        self.assertTrue(any(rule.rule == "/my/sessions/<int:booking_id>/cancel" for rule, _f in routes))
        for rule, function in routes:
            with self.subTest(role=role, route=rule.rule):
                self._check_route(rule, function, role, every_parameter)

    def test_public_user_on_every_route(self):
        self._check_every_route("public")

    def test_client_on_every_route(self):
        self._check_every_route("client", "rpc_client", "rpc_client_pw", every_parameter=True)

    def test_expert_on_every_route(self):
        self._check_every_route("expert", "rpc_expert", "rpc_expert_pw")
