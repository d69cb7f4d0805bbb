"""Backend lists as the web client loads them: one ``web_search_read``
JSON-RPC call per list (the columns of its list view), as the platform
manager, over HTTP on the measured server; SQL queries from the access log.

The suite's lists (Orders and Sales: All orders, an order's payments
drill-down, Payments) are shown next to Odoo's own order list.
"""

import json
from dataclasses import dataclass, field

from .stats import ratio

MANAGER_LOGIN = "manager"  # expert_base's demo platform manager (login = password)
PAGE_SIZE = 80  # the web client's list page

_M2O = {"fields": {"display_name": {}}}


@dataclass(frozen=True)
class BackendList:
    key: str
    label: str
    model: str
    module: str
    spec: dict
    domain: tuple = ()
    order: str = ""
    stock: str | None = None  # key of the stock list it is compared with
    needs_order: bool = False  # the domain names the heavy client's order
    extra: dict = field(default_factory=dict)

    def domain_for(self, data):
        if not self.needs_order:
            return list(self.domain)
        return [("order_id", "=", data["heavy"].get("order"))]


# the columns of the payments lists (an order's drill-down and all payments)
_PAYMENT_FIELDS = {
    "order_id": _M2O,
    "invoice_id": _M2O,
    "date": {},
    "state": {},
    "kind": {},
    "currency_id": _M2O,
    "money_credited": {},
    "provider_fee": {},
    "paid_in_one_click": {},
    "provider_id": _M2O,
    "amount": {},
    "payment_percent": {},
    "comment": {},
}

LISTS = (
    # Odoo's own order list (sale.view_order_tree's columns), the reference
    BackendList(
        "stock_orders",
        "Odoo's order list (sale.order)",
        "sale.order",
        "sale",
        {
            "name": {},
            "date_order": {},
            "partner_id": _M2O,
            "user_id": _M2O,
            "activity_ids": {"fields": {}},
            "company_id": _M2O,
            "currency_id": {"fields": {}},
            "amount_untaxed": {},
            "amount_tax": {},
            "amount_total": {},
            "state": {},
            "invoice_status": {},
        },
        domain=(("state", "not in", ("draft", "sent", "cancel")),),
        order="date_order desc, id desc",
    ),
    BackendList(
        "all_orders",
        "All orders (Orders and Sales)",
        "sale.order",
        "sale_partial_payment",
        {
            "name": {},
            "date_order": {},
            "partner_id": _M2O,
            "sale_status": {},
            "offer_product_id": _M2O,
            "offer_category_id": _M2O,
            "offer_reference": {},
            "currency_id": {"fields": {}},
            "offer_price": {},
            "offer_price_unit": {},
            "offer_quantity": {},
            "payment_type": {},
            "partial_payment_state": {},
            "allow_partial_payment": {},
        },
        domain=(("state", "!=", "draft"),),
        order="date_order desc, id desc",
        stock="stock_orders",
    ),
    BackendList(
        "order_payments",
        "An order's payments (drill-down)",
        "sale.order.payment",
        "sale_partial_payment",
        _PAYMENT_FIELDS,
        stock="stock_orders",
        needs_order=True,
    ),
    BackendList(
        "payments",
        "Payments (all orders)",
        "sale.order.payment",
        "sale_partial_payment",
        _PAYMENT_FIELDS,
        stock="stock_orders",
    ),
)

LIST_BY_KEY = {entry.key: entry for entry in LISTS}


def call_kw_payload(entry, data):
    """The JSON-RPC body of the web client's ``web_search_read`` of a list."""
    return {
        "jsonrpc": "2.0",
        "method": "call",
        "id": 1,
        "params": {
            "model": entry.model,
            "method": "web_search_read",
            "args": [],
            "kwargs": {
                "domain": entry.domain_for(data),
                "specification": entry.spec,
                "offset": 0,
                "limit": PAGE_SIZE,
                "order": entry.order,
                "count_limit": 10001,
                "context": {"lang": "en_US", "tz": "UTC"},
            },
        },
    }


def measure_list(server, client, entry, data, warmup, runs):
    path = f"/web/dataset/call_kw/{entry.model}/web_search_read"
    body = json.dumps(call_kw_payload(entry, data))
    summary, responses = server.repeat(
        "POST",
        path,
        lambda: client.session.post(
            f"{server.url}{path}", data=body, headers={"Content-Type": "application/json"}, timeout=120
        ),
        warmup,
        runs,
    )
    errors = [
        response.json()["error"].get("data", {}).get("message", "error")
        for response in responses
        if response.ok and "error" in response.json()
    ]
    return {"time": summary["time"], "queries": summary["queries"], "status": summary["status"], "errors": errors[:1]}


def add_list_ratios(lists):
    """``query_ratio`` / ``time_ratio`` of each suite list against its stock list."""
    measured = {entry["key"]: entry for entry in lists if entry.get("available", True)}
    for entry in lists:
        spec = LIST_BY_KEY[entry["key"]]
        stock = measured.get(spec.stock) if spec.stock else None
        if not stock or not entry.get("available", True):
            continue
        entry["query_ratio"] = ratio(entry["queries"]["median"], stock["queries"]["median"])
        entry["time_ratio"] = ratio(entry["time"]["median"], stock["time"]["median"])
    return lists


def measure_lists(server, client_class, data, installed, args, not_installed):
    lists = []
    client = None
    for entry in LISTS:
        row = {"key": entry.key, "label": entry.label, "module": entry.module, "stock": entry.stock}
        if entry.module not in installed:
            row.update(available=False, reason=not_installed)
        else:
            client = client or client_class(server, MANAGER_LOGIN, MANAGER_LOGIN)
            row.update(measure_list(server, client, entry, data, args.warmup, args.runs))
            if row["status"] != [200] or row["errors"]:
                row.update(available=False, reason=row["errors"][0] if row["errors"] else f"HTTP {row['status']}")
        lists.append(row)
    return add_list_ratios(lists)
