"""What is measured (data-driven, no Odoo needed) and the issue's targets.

A page whose module is not installed in the benchmark database is reported
as "n/a (module not installed)"; it is measured as soon as the module is.
"""

from dataclasses import dataclass

from .sizes import RESEND_TARGET, STATEMENT_TARGET
from .stats import ratio


@dataclass(frozen=True)
class Page:
    key: str
    url: str  # may use {line} (the client's package line) and {order} (its order)
    module: str  # measured when this module is installed
    stock: str | None = None  # key of the comparable stock page (None: a stock page)

    @property
    def is_suite(self):
        return self.stock is not None


PAGES = (
    # stock Odoo portal pages, the reference
    Page("home", "/my/home", "portal"),
    Page("orders", "/my/orders", "sale"),
    Page("order", "/my/orders/{order}", "sale"),
    Page("invoices", "/my/invoices", "account"),
    Page("tasks", "/my/tasks", "project"),
    Page("shop", "/shop", "website_sale"),
    # the suite's pages, each next to its stock counterpart
    Page("sessions", "/my/sessions", "session_booking", stock="orders"),
    Page("book", "/my/sessions/book/{line}", "session_booking", stock="order"),
    Page("center", "/client-center/main", "client_center", stock="home"),
    Page("center_payments", "/client-center/main/payments", "client_center", stock="invoices"),
    Page("center_orders", "/client-center/main/orders", "client_center", stock="orders"),
    Page("center_invoices", "/client-center/main/invoices", "client_center", stock="invoices"),
    Page("center_sessions", "/client-center/main/sessions", "client_center", stock="orders"),
    Page("center_new_order", "/client-center/main/orders/new", "client_center", stock="shop"),
    Page("center_support", "/client-center/main/support", "project_support_ticket", stock="tasks"),
    Page("center_recurring", "/client-center/main/recurring", "recurring_order", stock="orders"),
)

PAGE_BY_KEY = {page.key: page for page in PAGES}

NOT_INSTALLED = "module not installed"

# Targets of the issue
MAX_QUERY_RATIO = 1.3
SLOT_TARGET_EVENTS = 10000
SLOT_MAX_SECONDS = 0.1
SLOT_MAX_QUERIES = 8  # at most, cold (issue 22)
# Batches measured in two parts (a tenth, then the rest): linear when the
# queries per record of the rest exceed the first part's by this share at
# most (fewer is fine: fixed costs spread over more records).
LINEAR_TOLERANCE = 0.15
FOLLOWUP_BATCHES = (
    # key prefix, what a record is, the scale reported
    ("resend", "unpaid invoice", "resend cron over {count} unpaid invoices", RESEND_TARGET),
    ("statements", "customer", "monthly statements over {count} customers", STATEMENT_TARGET),
)
# writes against the stock operation they wrap (queries and time)
MAX_WRITE_RATIO = 1.3
# booking throughput: 20 clients on 20 different slots of one expert
MIN_BOOKINGS_PER_SECOND = 15
# and the crowd: 100 clients across 10 experts
MIN_CROWD_BOOKINGS_PER_SECOND = 25
MAX_BOOKING_P95_SECONDS = 1.0
# invoice mails sent by Send & Print's cron (PDF rendered, mail queued)
MAX_MAIL_SECONDS = 0.5
MAIL_BATCHES = (("penalty_mail", "penalty invoices"), ("recurring_mail", "recurring charge invoices"))
RECURRING_MAX_QUERIES = 60  # per charge, excluding the provider call
# linear: the per-charge cost of the big batch within these factors of the
# first batch's (queries are exact; time is noisy on a shared machine)
RECURRING_LINEAR_QUERIES = 1.1
RECURRING_LINEAR_TIME = 1.5


def add_ratios(pages):
    """Set ``query_ratio`` and ``time_ratio`` of each suite page against its
    stock page measured for the same client (median against median)."""
    measured = {(entry["key"], entry["client"]): entry for entry in pages if entry.get("available", True)}
    for entry in pages:
        page = PAGE_BY_KEY[entry["key"]]
        if not page.is_suite or not entry.get("available", True):
            continue
        stock = measured.get((page.stock, entry["client"]))
        if not stock:
            continue
        entry["query_ratio"] = ratio(entry["queries"]["median"], stock["queries"]["median"])
        entry["time_ratio"] = ratio(entry["time"]["median"], stock["time"]["median"])
    return pages


def evaluate_targets(results):
    """The issue's targets: [{"target", "holds" (True/False/None), "detail"}]."""
    targets = []
    pages = [entry for entry in results.get("pages", []) if entry.get("available", True)]
    by_key = {}
    for entry in pages:
        by_key.setdefault(entry["key"], {})[entry["client"]] = entry
    for page in PAGES:
        clients = by_key.get(page.key)
        if not page.is_suite or not clients:
            continue
        light, heavy = clients.get("light"), clients.get("heavy")
        if light and heavy:
            few, many = light["queries"]["median"], heavy["queries"]["median"]
            targets.append(
                {
                    "target": f"`{light['label']}`: queries constant with data size",
                    "holds": few == many,
                    "detail": f"{fmt(few)} queries (light client) vs {fmt(many)} (heavy client)",
                }
            )
        worst = max(
            (entry for entry in clients.values() if entry.get("query_ratio") is not None),
            key=lambda entry: entry["query_ratio"],
            default=None,
        )
        if worst:
            stock_url = PAGE_BY_KEY[page.stock].url.replace("{order}", "<order>")
            targets.append(
                {
                    "target": f"`{worst['label']}`: queries ≤ {MAX_QUERY_RATIO} × `{stock_url}`",
                    "holds": worst["query_ratio"] <= MAX_QUERY_RATIO,
                    "detail": f"{worst['query_ratio']:.2f} × ({worst['client']} client)",
                }
            )
    runs = [run for run in results.get("slots", []) if run.get("available", True)]
    if len(runs) > 1:
        counts = {run["events"]: run["queries"]["median"] for run in runs}
        targets.append(
            {
                "target": "slots: queries constant with the number of events",
                "holds": len(set(counts.values())) == 1,
                "detail": ", ".join(f"{fmt(queries)} at {events}" for events, queries in sorted(counts.items())),
            }
        )
    slot = next((run for run in runs if run["events"] == SLOT_TARGET_EVENTS), None)
    if slot:
        for prefix, label in (("", "cold"), ("warm_", "warm")):
            if not slot.get(f"{prefix}time"):
                continue
            seconds, queries = slot[f"{prefix}time"]["median"], slot[f"{prefix}queries"]["median"]
            targets.append(
                {
                    "target": f"slots over 30 days at {SLOT_TARGET_EVENTS} events ({label}): "
                    f"< {SLOT_MAX_SECONDS * 1000:.0f} ms and ≤ {SLOT_MAX_QUERIES} queries",
                    "holds": seconds < SLOT_MAX_SECONDS and queries <= SLOT_MAX_QUERIES,
                    "detail": f"{seconds * 1000:.1f} ms median, {fmt(queries)} queries",
                }
            )
    targets += recurring_targets(results.get("recurring") or {})
    targets += write_targets(results)
    targets += node_targets(results.get("nodes") or {})
    same = (results.get("contention") or {}).get("same_slot")
    if same and same.get("available", True):
        targets.append(
            {
                "target": f"{same['clients']} clients on the same slot: exactly one booking",
                "holds": same["booked"] == 1 and same.get("in_database") == 1,
                "detail": f"{same['booked']} booked, {same['refused']} refused, "
                f"{same.get('in_database')} in the database",
            }
        )
    batches = {batch["key"]: batch for batch in results.get("batches", []) if batch.get("available", True)}
    for prefix, noun, title, scale in FOLLOWUP_BATCHES:
        first, rest = batches.get(f"{prefix}_first"), batches.get(f"{prefix}_rest")
        if first and rest:
            targets.append(linear_target(title.format(count=scale), noun, first, rest, scale))
    return targets


def anchor_target(title, ours, anchor):
    """``ours`` costs at most ``MAX_WRITE_RATIO`` × its stock ``anchor`` in
    queries and in time (medians, or per record for batches)."""
    query_ratio = ratio(ours["queries"], anchor["queries"])
    time_ratio = ratio(ours["seconds"], anchor["seconds"])
    return {
        "target": f"{title}: queries and time ≤ {MAX_WRITE_RATIO} × {anchor['label']}",
        "holds": query_ratio is not None
        and time_ratio is not None
        and query_ratio <= MAX_WRITE_RATIO
        and time_ratio <= MAX_WRITE_RATIO,
        "detail": f"{fmt(ours['queries'])} vs {fmt(anchor['queries'])} queries ({fmt_ratio(query_ratio)} ×), "
        f"{ours['seconds'] * 1000:.0f} vs {anchor['seconds'] * 1000:.0f} ms ({fmt_ratio(time_ratio)} ×)",
    }


def write_targets(results):
    """Booking and late cancellation against their stock anchors, the
    booking throughput and latency, the cancellation batch linear."""
    targets = []
    writes = results.get("writes") or {}
    booking, anchor = writes.get("booking"), writes.get("anchor")
    if booking and anchor and booking.get("available", True) and anchor.get("available", True):
        targets.append(
            anchor_target(
                "booking (warm)",
                {"queries": booking["queries"]["median"], "seconds": booking["time"]["median"]},
                {**anchor, "queries": anchor["queries"]["median"], "seconds": anchor["time"]["median"]},
            )
        )
    contention = results.get("contention") or {}
    different, crowd = contention.get("different_slots"), contention.get("crowd")
    if different and different.get("available", True):
        title = f"{different['clients']} clients booking different slots of one expert"
        targets += throughput_targets(different, title, MIN_BOOKINGS_PER_SECOND)
        stock = contention.get("stock_meetings")
        if stock and stock.get("per_second") and different.get("per_second"):
            ratio = different["per_second"] / stock["per_second"]
            targets.append(
                {
                    "target": f"{title}: bookings/s ≥ {1 / MAX_WRITE_RATIO:.2f} × the stock meetings/s "
                    "(the expert creating the same meetings at once, one browser each)",
                    "holds": ratio >= 1 / MAX_WRITE_RATIO and not different["errors"],
                    "detail": f"{different['per_second']:.1f} vs {stock['per_second']:.1f} meetings/s "
                    f"({ratio:.2f} ×); p95 {different['latency']['p95'] * 1000:.0f} vs "
                    f"{stock['latency']['p95'] * 1000:.0f} ms",
                }
            )
    if crowd and crowd.get("available", True):
        targets += throughput_targets(
            crowd, f"{crowd['clients']} clients across {crowd['experts']} experts", MIN_CROWD_BOOKINGS_PER_SECOND
        )
    batches = {batch["key"]: batch for batch in results.get("batches", []) if batch.get("available", True)}
    cancel, cancel_anchor = batches.get("cancel"), batches.get("cancel_anchor")
    if cancel and cancel_anchor:
        targets.append(
            anchor_target(
                "late cancellation (per session)",
                {"queries": cancel["queries_per_record"], "seconds": cancel["seconds_per_record"]},
                {
                    "label": cancel_anchor["label"],
                    "queries": cancel_anchor["queries_per_record"],
                    "seconds": cancel_anchor["seconds_per_record"],
                },
            )
        )
    first, rest = batches.get("cancel_first"), batches.get("cancel_rest")
    if first and rest:
        count = first["count"] + rest["count"]
        targets.append(linear_target(f"late cancellation of {count} sessions", "session", first, rest, count))
    for key, noun in MAIL_BATCHES:
        mail = batches.get(key)
        if mail:
            targets.append(
                {
                    "target": f"{noun} mailed by Send & Print's cron ({mail['count']} queued): "
                    f"≤ {MAX_MAIL_SECONDS} s per invoice (PDF + mail)",
                    "holds": mail["seconds_per_record"] <= MAX_MAIL_SECONDS,
                    "detail": f"{mail['seconds_per_record'] * 1000:.0f} ms and "
                    f"{fmt(mail['queries_per_record'])} queries per invoice",
                }
            )
    return targets


def throughput_targets(outcome, title, minimum):
    """Bookings per second at least ``minimum``, every POST answered (no
    5xx, no retry storm), and the p95 latency of a booking."""
    targets = [
        {
            "target": f"{title}: ≥ {minimum} bookings/s, no error",
            "holds": (outcome.get("per_second") or 0) >= minimum and not outcome["errors"],
            "detail": f"{(outcome.get('per_second') or 0):.1f} bookings/s, {outcome['booked']} booked, "
            f"{outcome['errors']} errors",
        }
    ]
    latency = outcome.get("latency")
    if latency:
        targets.append(
            {
                "target": f"{title}: p95 latency of a booking < {MAX_BOOKING_P95_SECONDS * 1000:.0f} ms",
                "holds": latency["p95"] < MAX_BOOKING_P95_SECONDS,
                "detail": f"{latency['median'] * 1000:.0f} ms median, {latency['p95'] * 1000:.0f} ms p95",
            }
        )
    return targets


def node_targets(nodes):
    """``--nodes N``: one booking from the race spread over the nodes, and
    nothing the crons did on every node at once done twice."""
    targets = []
    race = nodes.get("race")
    if race and race.get("available", True):
        targets.append(
            {
                "target": f"{race['clients']} clients on {nodes['nodes']} nodes, same slot: exactly one booking",
                "holds": race["booked"] == 1 and race.get("in_database") == 1 and not race["errors"],
                "detail": f"{race['booked']} booked, {race['refused']} refused, {race['errors']} errors, "
                f"{race.get('in_database')} in the database",
            }
        )
    effects = nodes.get("effects")
    if effects:
        failed = [outcome["cron"] for node in nodes.get("crons", []) for outcome in node if not outcome.get("ok", True)]
        twice = sum(effect["twice"] for effect in effects.values())
        detail = "; ".join(
            f"{name}: {effect['count']} done, {effect['twice']} twice" for name, effect in effects.items()
        )
        if failed:
            detail += f"; runs rolled back: {', '.join(sorted(set(failed)))}"
        targets.append(
            {
                "target": f"crons on {nodes['nodes']} nodes at once: nothing charged, settled or sent twice",
                "holds": twice == 0,
                "detail": detail,
            }
        )
    return targets


def fmt_ratio(value):
    return "n/a" if value is None else f"{value:.2f}"


def linear_target(title, noun, first, rest, scale):
    """A batch measured in two parts costs no more per record in the second
    (queries; times shown), and its total at ``scale`` records (measured,
    or projected from the time per record when fewer were measured)."""
    count = first["count"] + rest["count"]
    seconds = first["seconds"] + rest["seconds"]
    low, high = first["queries_per_record"], rest["queries_per_record"]
    total = seconds / count * scale
    how = "measured" if count >= scale else f"projected from {count}"
    return {
        "target": f"{title}: cost per {noun} constant (linear)",
        "holds": high <= low * (1 + LINEAR_TOLERANCE),
        "detail": f"{low:.1f} then {high:.1f} queries, {first['seconds_per_record'] * 1000:.0f} then "
        f"{rest['seconds_per_record'] * 1000:.0f} ms per {noun}; {scale} {noun}s in {total / 60:.1f} min ({how})",
    }


def recurring_targets(recurring):
    """The charge cron: linear in the number of due orders, and at most
    ``RECURRING_MAX_QUERIES`` queries per charge besides the provider call."""
    runs = [run for run in recurring.get("runs", []) if run.get("count")]
    if not runs:
        return []
    targets = []
    if len(runs) > 1:
        first, last = runs[0], runs[-1]
        query_ratio = ratio(last["queries_per_charge"], first["queries_per_charge"])
        time_ratio = ratio(last["seconds_per_charge"], first["seconds_per_charge"])
        targets.append(
            {
                "target": f"recurring charges: linear ({first['count']} then {last['count']} charges: per charge "
                f"queries ≤ {RECURRING_LINEAR_QUERIES} ×, time ≤ {RECURRING_LINEAR_TIME} × the first batch's)",
                "holds": query_ratio is not None
                and time_ratio is not None
                and query_ratio <= RECURRING_LINEAR_QUERIES
                and time_ratio <= RECURRING_LINEAR_TIME,
                "detail": f"{fmt(first['queries_per_charge'])} vs {fmt(last['queries_per_charge'])} queries, "
                f"{first['seconds_per_charge'] * 1000:.0f} vs {last['seconds_per_charge'] * 1000:.0f} ms per charge",
            }
        )
    worst = max(runs, key=lambda run: run["queries_per_charge_excluding_provider"])
    targets.append(
        {
            "target": f"recurring charges: ≤ {RECURRING_MAX_QUERIES} queries per charge, provider call excluded",
            "holds": worst["queries_per_charge_excluding_provider"] <= RECURRING_MAX_QUERIES,
            "detail": f"{fmt(worst['queries_per_charge_excluding_provider'])} queries per charge "
            f"(+ {fmt(round(worst['provider_queries'] / worst['count'], 2))} in the provider call)",
        }
    )
    return targets


def fmt(value):
    return f"{value:g}" if isinstance(value, float) else str(value)
