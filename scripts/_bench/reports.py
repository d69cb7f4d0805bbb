"""The orders-and-sales reports for a year, as the platform manager, over
HTTP on the measured server, next to Odoo's sales analysis pivot on the
same data:

- Odoo's sales analysis (``sale.report``): the pivot's ``read_group`` by
  product over the year;
- the detailed report (``sales_report``): its four axes computed for the
  year (``sales.report.detail.action_refresh``);
- the CSV of the largest axis streamed (``/sales_report/csv``): time,
  bytes, and the peak memory (RSS) of the worker that serves it, sampled
  while the file streams, next to the same worker's memory before.

Bench orders are paid by bank entries (``fill._pay``); the report reads
online payments, so ``ensure_online_payments`` gives each paid order its
done transaction once (idempotent; a database filled before gets them at
its next measure).
"""

import json
import threading
import time
from datetime import date, timedelta

from .stats import ratio, summarize

MANAGER_LOGIN = "manager"
PARAM_ONLINE = "expert_platform_bench.online_payments"
BATCH = 1000
CSV_AXIS = "offer"


def ensure_online_payments(registry, api, superuser_id):
    """A done online payment (demo provider) for every paid order that has
    none: the report's rows. Committed in batches."""
    with registry.cursor() as cr:
        env = api.Environment(cr, superuser_id, {})
        if "sales.report" not in env or env["ir.config_parameter"].get_param(PARAM_ONLINE):
            return 0
        provider = env.ref("payment.payment_provider_demo")
        method = provider.payment_method_ids[:1] or env.ref("payment.payment_method_unknown")
        cr.execute(
            """SELECT so.id FROM sale_order so
                WHERE so.state = 'sale' AND so.recurring_order_id IS NULL
                  AND NOT EXISTS (SELECT 1 FROM sale_order_transaction_rel r WHERE r.sale_order_id = so.id)
                  AND EXISTS (SELECT 1 FROM sale_order_line sol
                                JOIN sale_order_line_invoice_rel rel ON rel.order_line_id = sol.id
                                JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                                JOIN account_move am ON am.id = aml.move_id
                               WHERE sol.order_id = so.id AND am.payment_state IN ('paid', 'in_payment'))
             ORDER BY so.id"""
        )
        order_ids = [row[0] for row in cr.fetchall()]
    for start in range(0, len(order_ids), BATCH):
        with registry.cursor() as cr:
            env = api.Environment(cr, superuser_id, {})
            orders = env["sale.order"].browse(order_ids[start : start + BATCH])
            # the provider read above belongs to a closed cursor
            provider = provider.with_env(env)
            env["payment.transaction"].create(
                [
                    {
                        "provider_id": provider.id,
                        "payment_method_id": method.id,
                        "operation": "online_direct",
                        "reference": f"{order.name}-bench",
                        "amount": order.amount_total,
                        "currency_id": order.currency_id.id,
                        "partner_id": order.partner_id.id,
                        "sale_order_ids": [(6, 0, order.ids)],
                        "state": "done",
                        "is_post_processed": True,
                        "provider_fee": provider._partial_fee_by_rule(order.amount_total),
                    }
                    for order in orders
                ]
            )
    with registry.cursor() as cr:
        api.Environment(cr, superuser_id, {})["ir.config_parameter"].set_param(PARAM_ONLINE, len(order_ids))
    return len(order_ids)


def _post_kw(client, server, model, method, args, kwargs):
    """POST one JSON-RPC ``call_kw``: ``(path, response)``."""
    path = f"/web/dataset/call_kw/{model}/{method}"
    body = {
        "jsonrpc": "2.0",
        "method": "call",
        "id": 1,
        "params": {"model": model, "method": method, "args": args, "kwargs": kwargs},
    }
    response = client.session.post(
        f"{server.url}{path}", data=json.dumps(body), headers={"Content-Type": "application/json"}, timeout=600
    )
    return path, response


def _result(response):
    payload = response.json()
    if "error" in payload:
        raise RuntimeError(payload["error"].get("data", {}).get("message", "error"))
    return payload["result"]


def _call_kw(client, server, model, method, args, kwargs):
    path, response = _post_kw(client, server, model, method, args, kwargs)
    return path, _result(response)


def _timed(server, client, model, method, args, kwargs, warmup, runs):
    path = f"/web/dataset/call_kw/{model}/{method}"
    summary, responses = server.repeat(
        "POST", path, lambda: _post_kw(client, server, model, method, args, kwargs)[1], warmup, runs
    )
    for response in responses:
        _result(response)  # an error stops the bench, as a failing call would
    return {"time": summary["time"], "queries": summary["queries"]}


def _rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _workers(server_pid):
    try:
        with open(f"/proc/{server_pid}/task/{server_pid}/children", encoding="ascii") as handle:
            return [int(pid) for pid in handle.read().split()]
    except OSError:
        return []


def _sample(workers, peak, done):
    """Keep the highest RSS of each worker in ``peak`` until ``done``."""
    while not done.is_set():
        for pid in workers:
            peak[pid] = max(peak[pid], _rss_kib(pid) or 0)
        time.sleep(0.01)


def measure_csv(server, client, params, runs):
    """Stream the CSV ``runs`` times; sample the workers' RSS every 10 ms."""
    results = []
    for _run in range(runs):
        workers = _workers(server.process.pid)
        before = {pid: _rss_kib(pid) or 0 for pid in workers}
        peak = dict(before)
        done = threading.Event()

        sampler = threading.Thread(target=_sample, args=(workers, peak, done), daemon=True)
        sampler.start()
        started = time.perf_counter()
        size = lines = 0
        with client.session.get(f"{server.url}/sales_report/csv", params=params, stream=True, timeout=600) as response:
            status = response.status_code
            for chunk in response.iter_content(chunk_size=65536):
                size += len(chunk)
                lines += chunk.count(b"\n")
        elapsed = time.perf_counter() - started
        done.set()
        sampler.join()
        # the worker that served it: the one whose memory moved most
        growth = {pid: peak[pid] - before[pid] for pid in workers}
        worker = max(growth, key=growth.get) if growth else None
        results.append(
            {
                "status": status,
                "seconds": elapsed,
                "bytes": size,
                "rows": max(lines - 1, 0),
                "peak_mib": round(peak[worker] / 1024, 1) if worker else None,
                "growth_mib": round(growth[worker] / 1024, 1) if worker else None,
            }
        )
    return {
        "time": summarize([run["seconds"] for run in results]),
        "status": sorted({run["status"] for run in results}),
        "bytes": results[-1]["bytes"] if results else 0,
        "rows": results[-1]["rows"] if results else 0,
        "peak_mib": max((run["peak_mib"] or 0) for run in results) if results else None,
        "growth_mib": max((run["growth_mib"] or 0) for run in results) if results else None,
    }


def measure_reports(server, client_class, installed, args, not_installed):
    """[stock pivot, detailed report, CSV] for the last 365 days."""
    date_to = date.today()
    date_from = date_to - timedelta(days=365)
    rows = []
    client = client_class(server, MANAGER_LOGIN, MANAGER_LOGIN)
    stock = {"key": "stock_pivot", "label": "Odoo's sales analysis pivot (`sale.report`, by product)"}
    stock.update(
        _timed(
            server,
            client,
            "sale.report",
            "read_group",
            [],
            {
                "domain": [("date", ">=", str(date_from)), ("state", "=", "sale")],
                "fields": ["price_total:sum", "product_uom_qty:sum", "__count"],
                "groupby": ["product_id"],
                "lazy": False,
            },
            args.warmup,
            args.runs,
        )
    )
    rows.append(stock)
    detail = {"key": "detailed_report", "label": "Detailed report (`sales_report`, 4 axes)", "stock": "stock_pivot"}
    csv_row = {"key": "csv", "label": f"CSV by {CSV_AXIS}, streamed (`/sales_report/csv`)", "stock": "stock_pivot"}
    if "sales_report" not in installed:
        detail.update(available=False, reason=not_installed)
        csv_row.update(available=False, reason=not_installed)
        return rows + [detail, csv_row]
    _path, detail_id = _call_kw(
        client, server, "sales.report.detail", "create", [{"date_from": str(date_from), "date_to": str(date_to)}], {}
    )
    detail.update(
        _timed(server, client, "sales.report.detail", "action_refresh", [[detail_id]], {}, args.warmup, args.runs)
    )
    _path, company = _call_kw(client, server, "sales.report.detail", "read", [[detail_id]], {"fields": ["company_id"]})
    params = {
        "axis": CSV_AXIS,
        "date_from": str(date_from),
        "date_to": str(date_to),
        "company_id": company[0]["company_id"][0],
        "columns": "orders,payments,amount,provider_fee,money_credited,refunds,net,average",
    }
    csv_row.update(measure_csv(server, client, params, max(args.runs // 2, 1)))
    if csv_row["status"] != [200]:
        csv_row.update(available=False, reason=f"HTTP {csv_row['status']}")
    rows += [detail, csv_row]
    for row in rows[1:]:
        if row.get("available", True):
            row["time_ratio"] = ratio(row["time"]["median"], stock["time"]["median"])
    return rows
