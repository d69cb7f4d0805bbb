"""Render benchmark results as Markdown tables and JSON (no Odoo needed).

``results`` is a plain dict (see ``measure.run``); pages, slot runs and
batches that could not run carry ``available: False`` and a ``reason`` and
show as "n/a (reason)".
"""

import json

from .stats import ratio

NA = "n/a"


def fmt_ms(seconds):
    """Seconds as milliseconds, no decimals above 10 ms."""
    if seconds is None:
        return NA
    ms = seconds * 1000
    return f"{ms:.0f}" if ms >= 10 else f"{ms:.1f}"


def fmt_num(value):
    if value is None:
        return NA
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return str(int(value))


def fmt_ratio(value):
    return NA if value is None else f"{value:.2f}"


def _na(entry):
    return f"{NA} ({entry.get('reason') or 'not measured'})"


def _table(headers, rows):
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _h in headers) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def _stat(entry, key, part, fmt):
    value = (entry.get(key) or {}).get(part)
    return fmt(value)


def _rows(entries, head, cells, width):
    """One table row per entry: ``head(entry)`` then ``cells(entry)``, or
    "n/a (why)" and blanks up to ``width`` cells when it was not measured."""
    rows = []
    for entry in entries:
        first = head(entry)
        if entry.get("available", True):
            rows.append(first + cells(entry))
        else:
            rows.append(first + [_na(entry)] + [""] * (width - len(first) - 1))
    return rows


def _timing(entry):
    """Median and p95 wall time, median queries."""
    return [
        _stat(entry, "time", "median", fmt_ms),
        _stat(entry, "time", "p95", fmt_ms),
        _stat(entry, "queries", "median", fmt_num) if entry.get("queries") else "",
    ]


def _stock_ratios(entry, keys=("query_ratio", "time_ratio")):
    return [fmt_ratio(entry.get(key)) if entry.get("stock") else "" for key in keys]


PAGE_HEADER = [
    "page",
    "client",
    "ms median",
    "ms p95",
    "queries",
    "queries p95",
    "stock page",
    "queries ÷ stock",
    "time ÷ stock",
]


def page_rows(pages):
    return _rows(
        pages,
        lambda page: [f"`{page['label']}`", page["client"]],
        lambda page: [
            *_timing(page),
            _stat(page, "queries", "p95", fmt_num),
            f"`{page['stock']}`" if page.get("stock") else "",
            *_stock_ratios(page),
        ],
        9,
    )


def backend_list_rows(lists):
    return _rows(lists, lambda entry: [entry["label"]], lambda entry: [*_timing(entry), *_stock_ratios(entry)], 6)


def _report_cells(entry):
    memory = ""
    if entry.get("peak_mib") is not None:
        memory = f"{entry['peak_mib']:.0f} MiB (+{entry['growth_mib']:.1f} while streaming)"
    rows_info = f"{entry['rows']} rows, {entry['bytes']} bytes" if "rows" in entry else ""
    return [
        *_timing(entry),
        *_stock_ratios(entry, ("time_ratio",)),
        " ".join(part for part in (rows_info, memory) if part),
    ]


def report_rows(rows):
    """The orders-and-sales reports next to Odoo's sales analysis pivot."""
    return _rows(rows, lambda entry: [entry["label"]], _report_cells, 6)


SLOT_HEADER = [
    "expert's events",
    "in the window",
    "cold ms median",
    "cold ms p95",
    "cold queries",
    "warm ms median",
    "warm queries",
    "free slots",
]


def slot_rows(slots):
    return _rows(
        slots,
        lambda run: [fmt_num(run["events"])],
        lambda run: [
            fmt_num(run.get("events_in_window")),
            _stat(run, "time", "median", fmt_ms),
            _stat(run, "time", "p95", fmt_ms),
            _stat(run, "queries", "median", fmt_num),
            _stat(run, "warm_time", "median", fmt_ms),
            _stat(run, "warm_queries", "median", fmt_num),
            fmt_num(run.get("free_slots")),
        ],
        8,
    )


CONTENTION_HEADER = [
    "scenario",
    "clients",
    "booked (created)",
    "refused (slot taken)",
    "errors (5xx, no answer)",
    "wall time",
    "bookings/s",
    "p95 latency",
]


def contention_rows(contention):
    rows = []
    for key, label in (
        ("same_slot", "same slot"),
        ("different_slots", "different slots"),
        ("stock_meetings", "stock: the expert creates the different slots' meetings at once (calendar)"),
        ("crowd", "clients of several experts, each its own slot"),
    ):
        entry = contention.get(key)
        if not entry:
            continue
        if not entry.get("available", True):
            rows.append([label, _na(entry), "", "", "", "", "", ""])
            continue
        rows.append(
            [
                label,
                fmt_num(entry["clients"]),
                fmt_num(entry["booked"] if "booked" in entry else entry.get("created")),
                fmt_num(entry.get("refused")),
                _errors_cell(entry),
                fmt_ms(entry["seconds"]).rstrip() + " ms",
                f"{entry['per_second']:.1f}" if entry.get("per_second") is not None else NA,
                fmt_ms((entry.get("latency") or {}).get("p95")).rstrip() + " ms" if entry.get("latency") else NA,
            ]
        )
    return rows


def _errors_cell(entry):
    """The failed requests and what each got (HTTP status or exception)."""
    kinds = entry.get("error_kinds") or {}
    detail = ", ".join(f"{kind} ×{count}" for kind, count in sorted(kinds.items()))
    return fmt_num(entry.get("errors")) + (f" ({detail})" if detail else "")


def write_rows(writes):
    """The booking and its stock anchor: medians and p95, ours ÷ stock."""
    anchor = writes.get("anchor") or {}
    measured = anchor.get("available", True) and anchor.get("queries")

    def cells(entry):
        ours = entry is writes.get("booking") and measured
        return [
            *_timing(entry),
            _stat(entry, "queries", "p95", fmt_num),
            fmt_ratio(ratio(entry["queries"]["median"], anchor["queries"]["median"])) if ours else "",
            fmt_ratio(ratio(entry["time"]["median"], anchor["time"]["median"])) if ours else "",
        ]

    entries = [writes[key] for key in ("booking", "anchor") if writes.get(key)]
    return _rows(entries, lambda entry: [entry["label"]], cells, 7)


def batch_rows(batches):
    return _rows(
        batches,
        lambda batch: [batch["label"]],
        lambda batch: [
            fmt_num(batch["count"]),
            f"{batch['seconds']:.2f} s",
            fmt_num(batch["queries"]),
            fmt_num(batch.get("queries_per_record")),
            fmt_ms(batch.get("seconds_per_record")),
        ],
        6,
    )


RECURRING_HEADER = [
    "batch",
    "charges",
    "time",
    "ms/charge",
    "queries",
    "queries/charge",
    "excluding the provider call",
    "in the provider call",
]


def recurring_rows(recurring):
    if not recurring:
        return []
    if not recurring.get("available", True):
        return [["charge cron", _na(recurring)] + [""] * 6]
    return [
        [
            f"batch {number}",
            fmt_num(run["count"]),
            f"{run['seconds']:.2f} s",
            fmt_ms(run["seconds_per_charge"]),
            fmt_num(run["queries"]),
            fmt_num(run["queries_per_charge"]),
            fmt_num(run["queries_per_charge_excluding_provider"]),
            fmt_num(round(run["provider_queries"] / run["count"], 2) if run["count"] else None),
        ]
        for number, run in enumerate(recurring.get("runs", []), start=1)
    ]


def node_lines(nodes):
    """``--nodes``: the race over the nodes, each node's cron runs, and what
    the crons did (and did twice)."""
    lines = [
        "",
        f"## {nodes['nodes']} nodes on one database (`{nodes['db']}`, a copy, dropped afterwards)",
        "",
    ]
    prepared = nodes.get("prepared") or {}
    if prepared:
        lines += ["Queued before the crons: " + ", ".join(f"{value} {key}" for key, value in prepared.items()), ""]
    race = nodes.get("race")
    if race:
        lines += _table(
            CONTENTION_HEADER,
            contention_rows({"same_slot": race}),
        )
        lines.append("")
    rows = [
        [
            f"node {number}",
            outcome["cron"],
            "ok" if outcome["ok"] else f"rolled back ({outcome['error']})",
            f"{outcome['seconds']:.1f} s",
        ]
        for number, node in enumerate(nodes.get("crons") or [], start=1)
        for outcome in node
    ]
    if rows:
        lines += _table(["node", "cron", "outcome", "time"], rows) + [""]
    effects = nodes.get("effects") or {}
    if effects:
        lines += _table(
            ["what the crons did", "records", "done twice"],
            [[name, fmt_num(effect["count"]), fmt_num(effect["twice"])] for name, effect in effects.items()],
        )
    return lines


def target_rows(targets):
    marks = {True: "yes", False: "**no**", None: NA}
    return [[target["target"], marks[target["holds"]], target.get("detail", "")] for target in targets]


def _section(title, intro, headers, rows):
    """A section of the report: its title, what it measures, its table."""
    return ["", f"## {title}", ""] + ([intro, ""] if intro else []) + _table(headers, rows)


def render_markdown(results):
    meta = results["meta"]
    lines = [
        f"# Benchmark {meta['size']} ({meta['date']})",
        "",
        f"Database `{meta['db']}`; Odoo server with `--workers={meta['workers']}` on {meta['cpus']} CPU(s); "
        f"{meta['runs']} warm runs per page (after {meta['warmup']} warm-up runs), median and p95.",
    ]
    data = meta.get("data") or {}
    if data:
        lines += ["", "Data: " + ", ".join(f"{count} {name}" for name, count in data.items()) + "."]
    if "pages" in results:
        lines += _section(
            "Portal pages",
            "Wall time per request seen by the client; SQL queries per request from Odoo's access log.",
            PAGE_HEADER,
            page_rows(results["pages"]),
        )
    if results.get("backend_lists"):
        lines += _section(
            "Backend lists (Orders and Sales), as the web client loads them",
            "One `web_search_read` JSON-RPC call of the list's columns (80 rows) as the platform manager; "
            "ratios against Odoo's own order list.",
            ["list", "ms median", "ms p95", "queries", "queries ÷ Odoo's list", "time ÷ Odoo's list"],
            backend_list_rows(results["backend_lists"]),
        )
    if results.get("reports"):
        lines += _section(
            "Orders and sales reports for a year, next to Odoo's sales analysis pivot",
            "As the platform manager over HTTP: the pivot's `read_group` of `sale.report` by product, the "
            "detailed report's four axes, the CSV by offer streamed (peak RSS of the worker serving it, and "
            "its growth over the worker's memory before the request).",
            ["report", "ms median", "ms p95", "queries", "time ÷ Odoo's pivot", "CSV"],
            report_rows(results["reports"]),
        )
    if "slots" in results:
        lines += _section(
            "Slot computation over 30 days (`_session_get_free_slots`)",
            "Cold: empty ORM cache (as the first call of a request); warm: the package line, its order, product "
            "and expert already read (as on the booking page).",
            SLOT_HEADER,
            slot_rows(results["slots"]),
        )
    if results.get("writes"):
        lines += _section(
            "Booking next to the stock meeting creation it wraps",
            "In process, each on a cold environment cache (as a request starts), alternately on the same expert, "
            "clients and slots; rolled back.",
            ["operation", "ms median", "ms p95", "queries", "queries p95", "queries ÷ stock", "time ÷ stock"],
            write_rows(results["writes"]),
        )
    if "contention" in results:
        lines += _section(
            "Booking under contention (HTTP POSTs through the portal, CSRF, one login each)",
            None,
            CONTENTION_HEADER,
            contention_rows(results["contention"]),
        )
        entries = [entry for entry in results["contention"].values() if isinstance(entry, dict)]
        if any("ConnectionError" in (entry.get("error_kinds") or {}) for entry in entries):
            lines += [
                "",
                "ConnectionError: the connection was reset before Odoo read the request. Odoo's prefork server "
                f"listens with a backlog of 8 × workers ({8 * int(results['meta'].get('workers') or 0)} here): "
                "more new connections at once than that overflow the kernel's accept queue (docs/deploy.md).",
            ]
    if results.get("recurring"):
        lines += _section(
            "Recurring charges (the charge cron over every due recurring order, demo provider)",
            "One transaction per batch, rolled back; the provider call is `payment.transaction._send_payment_request` "
            "(Odoo's payment by token and the demo provider's answer, in process).",
            RECURRING_HEADER,
            recurring_rows(results["recurring"]),
        )
    if "batches" in results:
        lines += _section(
            "Batches",
            None,
            ["batch", "records", "time", "queries", "queries/record", "ms/record"],
            batch_rows(results["batches"]),
        )
    if results.get("nodes"):
        lines += node_lines(results["nodes"])
    if results.get("targets"):
        lines += _section("Targets", None, ["target", "holds", "measured"], target_rows(results["targets"]))
    return "\n".join(lines) + "\n"


def render_json(results):
    return json.dumps(results, indent=2, sort_keys=True, default=str) + "\n"
