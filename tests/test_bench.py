"""scripts/bench's pure parts: arguments, statistics, access log parsing,
targets and rendering (no Odoo needed)."""

import io
import json
import os
import pathlib
import subprocess
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from _bench import backend, cli, logparse, progress, report, scenarios, sizes, stats  # noqa: E402

# ----------------------------------------------------------------------
# the bash entry
# ----------------------------------------------------------------------


def test_bash_strict_mode_and_syntax():
    path = REPO / "scripts/bench"
    text = path.read_text()
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    assert '. "$(dirname "$0")/_common.sh"' in text
    assert os.access(path, os.X_OK)
    subprocess.run(["bash", "-n", str(path)], check=True)


def test_help_from_any_directory(tmp_path):
    result = subprocess.run(
        [str(REPO / "scripts/bench"), "--help"], cwd=tmp_path, capture_output=True, text=True, check=True, timeout=30
    )
    assert result.stdout.startswith("Usage: scripts/bench")
    for option in ("--size", "--reset", "--db", "--runs"):
        assert option in result.stdout


@pytest.mark.parametrize("argv", [["--size", "huge"], ["--bogus"], ["--db", "bad name"]])
def test_bash_rejects_bad_arguments(argv, tmp_path):
    result = subprocess.run(
        [str(REPO / "scripts/bench"), *argv], cwd=tmp_path, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 2
    assert "scripts/bench" in result.stderr


def test_readme_documents_the_bench():
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Benchmarks", 1)[1]
    assert "scripts/bench" in section
    assert "Not yet" not in section
    assert "| `/my/sessions` |" in section
    # the full run lives in docs/bench.md, linked from the short table
    assert "(docs/bench.md)" in section
    assert "| `/my/sessions` | light |" in (REPO / "docs" / "bench.md").read_text()


# ----------------------------------------------------------------------
# arguments
# ----------------------------------------------------------------------


def test_defaults():
    args = cli.parse_args([])
    assert (args.size, args.db, args.runs, args.workers) == ("small", "ep_bench_small", 10, 2)
    assert args.size_profile is sizes.SIZES["small"]
    assert args.odoo_args == []


def test_size_names_the_default_database_and_odoo_options_pass_through():
    args = cli.parse_args(["--size", "medium", "--runs", "3", "--", "-c", "odoo.conf", "--addons-path=a,b"])
    assert args.db == "ep_bench_medium"
    assert args.runs == 3
    assert args.odoo_args == ["-c", "odoo.conf", "--addons-path=a,b"]


def test_explicit_database():
    assert cli.parse_args(["--size", "large", "--db", "mine"]).db == "mine"


@pytest.mark.parametrize(
    "argv",
    [["--size", "huge"], ["--runs", "0"], ["--runs", "x"], ["--warmup", "-1"], ["--fill-only", "--measure-only"]],
)
def test_bad_arguments(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.parse_args(argv)
    assert exit_info.value.code == 2
    assert "error" in capsys.readouterr().err


def test_sizes_scale():
    small, medium, large = (sizes.SIZES[name] for name in ("small", "medium", "large"))
    assert large.experts >= 50 and large.clients >= 5000 and large.orders >= 20000
    assert large.sessions >= 60000 and large.invoices >= 40000
    # medium is sized to run end to end in under 20 minutes on 2 cores
    for field in ("clients", "orders", "sessions", "invoices"):
        assert getattr(small, field) < getattr(medium, field) < getattr(large, field)
    assert medium.cancel_batch == large.cancel_batch == 1000
    # the resend cron goes over 10,000 unpaid invoices at large, the
    # statements over 1,000 customers (fewer at smaller sizes: scaled)
    assert large.resend_invoices >= sizes.RESEND_TARGET == 10000
    assert medium.resend_invoices == small.resend_invoices == 0
    assert medium.statement_customers == large.statement_customers == sizes.STATEMENT_TARGET == 1000
    # the recurring order cron is measured over 1,000 due orders at medium
    assert medium.recurring_due == 1000
    assert 0 < small.recurring_due < medium.recurring_due <= large.recurring_due
    assert sizes.RECURRING_FIRST_BATCH < medium.recurring_due
    assert small.heavy_recurring < medium.heavy_recurring
    assert small.heavy_orders < small.orders
    assert all(size.invoices >= size.orders for size in sizes.SIZES.values())


# ----------------------------------------------------------------------
# statistics
# ----------------------------------------------------------------------


def test_median():
    assert stats.median([3, 1, 2]) == 2
    assert stats.median([4, 1, 3, 2]) == 2.5
    assert stats.median([7]) == 7
    with pytest.raises(ValueError):
        stats.median([])


def test_p95_nearest_rank():
    values = list(range(1, 101))  # 1..100
    assert stats.p95(values) == 95
    assert stats.p95(list(reversed(values))) == 95
    assert stats.p95([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == 10
    assert stats.p95([5]) == 5
    assert stats.percentile([1, 2, 3, 4], 50) == 2
    with pytest.raises(ValueError):
        stats.p95([])
    with pytest.raises(ValueError):
        stats.percentile([1], 0)


def test_summarize_and_ratio():
    summary = stats.summarize([0.3, 0.1, 0.2])
    assert summary == {"median": 0.2, "p95": 0.3, "min": 0.1, "max": 0.3, "n": 3}
    assert stats.ratio(26, 20) == 1.3
    assert stats.ratio(1, 0) is None
    assert stats.ratio(None, 3) is None


# ----------------------------------------------------------------------
# werkzeug access lines
# ----------------------------------------------------------------------

LINE = (
    "2026-11-23 18:13:23,697 11328 INFO ep_bench_small werkzeug: 127.0.0.1 - - [23/Nov/2026 18:13:23] "
    '"GET /my/sessions/book/276?date=2026-11-30 HTTP/1.1" 200 - 31 0.045 0.120\n'
)


def test_parse_access_line():
    parsed = logparse.parse_access_line(LINE)
    assert parsed == logparse.AccessLine("GET", "/my/sessions/book/276?date=2026-11-30", 200, 31, 0.045, 0.12)
    assert parsed.server_time == pytest.approx(0.165)


def test_parse_a_post_and_a_colored_line():
    colored = (
        "2026-11-23 18:16:15,384 11328 \x1b[1;32m\x1b[1;49mINFO\x1b[0m ep_bench_small werkzeug: 127.0.0.1 - - "
        '[23/Nov/2026 18:16:15] "POST /my/sessions/book/270 HTTP/1.1" 500 - \x1b[1;33m\x1b[1;49m177\x1b[0m '
        "0.652 \x1b[1;31m\x1b[1;49m24.780\x1b[0m"
    )
    parsed = logparse.parse_access_line(colored)
    assert (parsed.method, parsed.path, parsed.status, parsed.queries) == ("POST", "/my/sessions/book/270", 500, 177)
    assert parsed.remaining_time == 24.78


def test_request_without_odoo_code_has_no_counts():
    line = (
        "2026-11-23 18:13:23,697 11328 INFO ? werkzeug: 127.0.0.1 - - [23/Nov/2026 18:13:23] "
        '"GET /web/static/img/favicon.ico HTTP/1.1" 304 - - - -'
    )
    parsed = logparse.parse_access_line(line)
    assert parsed.status == 304
    assert parsed.queries is None and parsed.server_time is None


@pytest.mark.parametrize(
    "line",
    [
        "2026-11-23 18:13:05,613 11302 INFO ep_bench_small odoo.modules.loading: loading 1 modules... ",
        "2026-11-23 18:15:53,598 11328 ERROR ep_bench_small odoo.sql_db: bad query: SELECT 1",
        "",
    ],
)
def test_other_lines_are_ignored(line):
    assert logparse.parse_access_line(line) is None


def test_find_request_takes_the_last_matching_line():
    other = LINE.replace("/my/sessions/book/276?date=2026-11-30", "/my/home").replace(" 31 ", " 20 ")
    later = LINE.replace(" 31 ", " 33 ")
    lines = [LINE, other, later, "noise\n"]
    assert logparse.find_request(lines, "GET", "/my/sessions/book/276?date=2026-11-30").queries == 33
    assert logparse.find_request(lines, "GET", "/my/home").queries == 20
    assert logparse.find_request(lines, "POST", "/my/home") is None
    assert len(logparse.access_lines(lines)) == 3


# ----------------------------------------------------------------------
# pages, ratios and targets
# ----------------------------------------------------------------------


def _page(key, client, queries, seconds=0.1, **extra):
    page = scenarios.PAGE_BY_KEY[key]
    return {
        "key": key,
        "label": page.url,
        "stock": scenarios.PAGE_BY_KEY[page.stock].url if page.is_suite else None,
        "client": client,
        "time": stats.summarize([seconds]),
        "queries": stats.summarize([queries]),
        **extra,
    }


def test_every_suite_page_has_a_stock_counterpart():
    keys = {page.key for page in scenarios.PAGES}
    assert len(keys) == len(scenarios.PAGES)
    for page in scenarios.PAGES:
        if page.is_suite:
            assert page.stock in keys and not scenarios.PAGE_BY_KEY[page.stock].is_suite
    urls = {page.url for page in scenarios.PAGES}
    assert {"/my/home", "/my/orders", "/my/invoices", "/my/sessions", "/client-center/main"} <= urls
    assert {page.module for page in scenarios.PAGES if page.url.startswith("/client-center")} == {
        "client_center",
        "project_support_ticket",
        "recurring_order",
    }
    recurring = scenarios.PAGE_BY_KEY["center_recurring"]
    assert (recurring.url, recurring.stock) == ("/client-center/main/recurring", "orders")


def _results():
    pages = [
        _page("orders", "light", 20, 0.10),
        _page("orders", "heavy", 20, 0.12),
        _page("sessions", "light", 25, 0.15),
        _page("sessions", "heavy", 27, 0.30),
        {
            "key": "center",
            "label": "/client-center/main",
            "client": "light",
            "available": False,
            "reason": scenarios.NOT_INSTALLED,
        },
    ]
    slot = {
        "events": 10000,
        "events_in_window": 650,
        "time": stats.summarize([0.05]),
        "queries": stats.summarize([13]),
        "warm_time": stats.summarize([0.02]),
        "warm_queries": stats.summarize([5]),
        "free_slots": 28,
    }
    small_slot = {**slot, "events": 100, "events_in_window": 6}
    return {
        "meta": {
            "size": "small",
            "db": "ep_bench_small",
            "date": "2026-11-23 18:00",
            "runs": 10,
            "warmup": 2,
            "workers": 2,
            "cpus": 2,
            "data": {"sessions": 600},
        },
        "pages": scenarios.add_ratios(pages),
        "slots": [small_slot, slot],
        "contention": {
            "same_slot": {
                "clients": 20,
                "booked": 1,
                "refused": 19,
                "errors": 0,
                "seconds": 3.0,
                "per_second": 0.33,
                "in_database": 1,
            },
            "different_slots": {"available": False, "reason": "only 3 free slots"},
        },
        "batches": [
            {
                "key": "cancel",
                "label": "cancel late",
                "count": 20,
                "seconds": 12.5,
                "queries": 3000,
                "queries_per_record": 150.0,
                "seconds_per_record": 0.625,
            },
            {"key": "settle", "label": "settle", "available": False, "reason": "module not installed"},
        ],
    }


def test_ratios_compare_with_the_stock_page_of_the_same_client():
    pages = {(p["key"], p["client"]): p for p in _results()["pages"]}
    assert pages["sessions", "light"]["query_ratio"] == 1.25
    assert pages["sessions", "heavy"]["query_ratio"] == 1.35
    assert pages["sessions", "heavy"]["time_ratio"] == 2.5
    assert "query_ratio" not in pages["orders", "light"]
    assert "query_ratio" not in pages["center", "light"]


def test_targets():
    targets = {t["target"]: t for t in scenarios.evaluate_targets(_results())}
    constant = targets["`/my/sessions`: queries constant with data size"]
    assert constant["holds"] is False and "25" in constant["detail"] and "27" in constant["detail"]
    ratio = targets["`/my/sessions`: queries ≤ 1.3 × `/my/orders`"]
    assert ratio["holds"] is False and "heavy" in ratio["detail"]
    assert targets["slots: queries constant with the number of events"]["holds"] is True
    cold = next(t for name, t in targets.items() if "(cold)" in name)
    warm = next(t for name, t in targets.items() if "(warm)" in name)
    assert cold["holds"] is False and warm["holds"] is True
    assert targets["20 clients on the same slot: exactly one booking"]["holds"] is True
    # nothing is said about pages that were not measured
    assert not any("client-center" in name for name in targets)


def _recurring(first=(100, 5.0, 4200, 1200), last=(900, 45.9, 37800, 10800)):
    runs = []
    for count, seconds, queries, provider in (first, last):
        runs.append(
            {
                "count": count,
                "seconds": seconds,
                "queries": queries,
                "provider_queries": provider,
                "queries_per_charge": round(queries / count, 2),
                "queries_per_charge_excluding_provider": round((queries - provider) / count, 2),
                "seconds_per_charge": seconds / count,
                "paid": count,
            }
        )
    return {"available": True, "due": first[0] + last[0], "runs": runs, "post_process": None}


def test_recurring_targets():
    targets = scenarios.recurring_targets(_recurring())
    assert [target["holds"] for target in targets] == [True, True]
    assert "100 then 900 charges" in targets[0]["target"]
    assert "42 vs 42 queries, 50 vs 51 ms per charge" == targets[0]["detail"]
    assert targets[1]["detail"] == "30 queries per charge (+ 12 in the provider call)"
    # a cost growing with the batch is not linear; too many queries per charge fail
    quadratic = scenarios.recurring_targets(_recurring(last=(900, 120.0, 54000, 10800)))
    assert [target["holds"] for target in quadratic] == [False, True]
    heavy = scenarios.recurring_targets(_recurring(first=(100, 5.0, 7400, 1200), last=(900, 45.0, 66600, 10800)))
    assert [target["holds"] for target in heavy] == [True, False]
    assert scenarios.recurring_targets({"available": False, "reason": "module not installed"}) == []
    single = _recurring(first=(40, 2.0, 1680, 480))
    single["runs"] = single["runs"][:1]
    single = scenarios.recurring_targets(single)
    assert [target["target"] for target in single] == [
        "recurring charges: ≤ 60 queries per charge, provider call excluded"
    ]


def test_markdown():
    results = _results()
    results["targets"] = scenarios.evaluate_targets(results)
    text = report.render_markdown(results)
    assert text.startswith("# Benchmark small (2026-11-23 18:00)\n")
    assert "| `/my/sessions` | heavy | 300 | 300 | 27 | 27 | `/my/orders` | 1.35 | 2.50 |" in text
    assert "| `/client-center/main` | light | n/a (module not installed) |" in text
    assert "| 10000 | 650 | 50 | 50 | 13 | 20 | 5 | 28 |" in text
    assert "| same slot | 20 | 1 | 19 | 0 | 3000 ms | 0.3 |" in text
    assert "| different slots | n/a (only 3 free slots) |" in text
    assert "| cancel late | 20 | 12.50 s | 3000 | 150 | 625 |" in text
    assert "| settle | n/a (module not installed) |" in text
    assert "| **no** |" in text
    assert "Recurring charges" not in text
    results["recurring"] = _recurring()
    results["targets"] = scenarios.evaluate_targets(results)
    text = report.render_markdown(results)
    assert "| batch 1 | 100 | 5.00 s | 50 | 4200 | 42 | 30 | 12 |" in text
    assert "| batch 2 | 900 | 45.90 s | 51 | 37800 | 42 | 30 | 12 |" in text
    assert "| recurring charges: ≤ 60 queries per charge, provider call excluded | yes |" in text
    results["recurring"] = {"available": False, "reason": "module not installed", "runs": []}
    assert "| charge cron | n/a (module not installed) |" in report.render_markdown(results)
    # every table row has as many cells as its header
    for block in text.split("\n\n"):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        if rows:
            assert len({row.count("|") for row in rows}) == 1, block


def _followup_batch(key, count, seconds, queries):
    return {
        "key": key,
        "label": key,
        "count": count,
        "seconds": seconds,
        "queries": queries,
        "queries_per_record": round(queries / count, 2),
        "seconds_per_record": seconds / count,
    }


def test_followup_batches_are_linear_and_projected():
    results = _results()
    results["batches"] += [
        # 660 unpaid invoices (medium): 66 first, then 594, 47 queries each
        _followup_batch("resend_first", 66, 4.0, 66 * 48),
        _followup_batch("resend_rest", 594, 35.0, 594 * 47),
        # statements whose cost per customer grows: not linear
        _followup_batch("statements_first", 50, 10.0, 50 * 30),
        _followup_batch("statements_rest", 450, 120.0, 450 * 60),
    ]
    targets = {t["target"]: t for t in scenarios.evaluate_targets(results)}
    resend = targets["resend cron over 10000 unpaid invoices: cost per unpaid invoice constant (linear)"]
    assert resend["holds"] is True
    assert "48.0 then 47.0 queries" in resend["detail"]
    # 39 s for 660 invoices: 9.8 minutes for 10,000
    assert "10000 unpaid invoices in 9.8 min (projected from 660)" in resend["detail"]
    statements = targets["monthly statements over 1000 customers: cost per customer constant (linear)"]
    assert statements["holds"] is False, "twice the queries per customer in the rest"
    assert "(projected from 500)" in statements["detail"]
    # measured at full scale: not projected
    measured = scenarios.linear_target(
        "t", "customer", _followup_batch("a", 100, 10.0, 3000), _followup_batch("b", 900, 90.0, 27000), 1000
    )
    assert measured["holds"] is True and "1000 customers in 1.7 min (measured)" in measured["detail"]
    # cheaper per record in the rest (the fixed costs spread): linear
    cheaper = scenarios.linear_target(
        "t", "invoice", _followup_batch("a", 9, 8.0, 9 * 62), _followup_batch("b", 85, 60.0, 85 * 51), 10000
    )
    assert cheaper["holds"] is True
    # a part not measured: no target
    results["batches"][-1] = {"key": "statements_rest", "label": "x", "available": False, "reason": "n/a"}
    assert not any("statements" in t["target"] for t in scenarios.evaluate_targets(results))
    text = report.render_markdown({**results, "targets": scenarios.evaluate_targets(results)})
    assert "| resend_first | 66 | 4.00 s | 3168 | 48 | 61 |" in text


def test_json_round_trip():
    results = _results()
    assert json.loads(report.render_json(results)) == json.loads(json.dumps(results))


@pytest.mark.parametrize(("seconds", "text"), [(0.0123, "12"), (0.00456, "4.6"), (1.5, "1500"), (None, "n/a")])
def test_fmt_ms(seconds, text):
    assert report.fmt_ms(seconds) == text


# ----------------------------------------------------------------------
# progress bar
# ----------------------------------------------------------------------


def test_render_bar():
    assert progress.render_bar("orders", 5, 10, 3.2, width=10) == "orders                 [#####.....]  50%  5/10  3s"
    assert "100%" in progress.render_bar("empty", 0, 0, 0)


def test_progress_without_a_terminal_writes_one_line_per_tenth():
    stream = io.StringIO()
    bar = progress.Progress("sessions", 100, stream=stream)
    for _n in range(100):
        bar.advance()
    bar.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 11  # 0 %, 10 % ... 90 %, then the final line
    assert lines[-1].startswith("sessions") and "100%  100/100" in lines[-1]


# ----------------------------------------------------------------------
# writes next to their stock anchors
# ----------------------------------------------------------------------


def _summary(median, p95=None):
    return {"median": median, "p95": p95 if p95 is not None else median, "min": median, "max": median, "n": 8}


def _writes_results(booking_queries=60, booking_seconds=0.12, per_second=16.0, p95=0.8, errors=0):
    return {
        "writes": {
            "booking": {"label": "book", "queries": _summary(booking_queries), "time": _summary(booking_seconds)},
            "anchor": {"label": "stock meeting", "queries": _summary(50), "time": _summary(0.1)},
        },
        "contention": {
            "different_slots": {
                "clients": 20,
                "booked": 20 - errors,
                "refused": 0,
                "errors": errors,
                "seconds": 1.25,
                "per_second": per_second,
                "latency": _summary(0.5, p95),
            },
            "crowd": {
                "clients": 100,
                "experts": 10,
                "booked": 100,
                "refused": 0,
                "errors": 0,
                "seconds": 5.0,
                "per_second": 20.0,
                "latency": _summary(0.5, 0.9),
            },
        },
        "batches": [
            _followup_batch("cancel", 20, 2.0, 1800),
            _followup_batch("cancel_first", 2, 0.2, 180),
            _followup_batch("cancel_rest", 18, 1.8, 1620),
            {**_followup_batch("cancel_anchor", 10, 0.8, 800), "label": "stock invoice"},
        ],
    }


def test_write_targets():
    targets = {target["target"]: target for target in scenarios.write_targets(_writes_results())}
    assert targets["booking (warm): queries and time ≤ 1.3 × stock meeting"]["holds"] is True
    throughput = targets["20 clients booking different slots of one expert: ≥ 15 bookings/s, no error"]
    assert throughput["holds"] is True and throughput["detail"] == "16.0 bookings/s, 20 booked, 0 errors"
    p95 = targets["20 clients booking different slots of one expert: p95 latency of a booking < 1000 ms"]
    assert p95["holds"] is True and p95["detail"] == "500 ms median, 800 ms p95"
    crowd = targets["100 clients across 10 experts: ≥ 25 bookings/s, no error"]
    assert crowd["holds"] is False and crowd["detail"] == "20.0 bookings/s, 100 booked, 0 errors"
    assert targets["100 clients across 10 experts: p95 latency of a booking < 1000 ms"]["holds"] is True
    cancel = targets["late cancellation (per session): queries and time ≤ 1.3 × stock invoice"]
    assert cancel["holds"] is True
    assert cancel["detail"] == "90 vs 80 queries (1.12 ×), 100 vs 80 ms (1.25 ×)"
    linear = targets["late cancellation of 20 sessions: cost per session constant (linear)"]
    assert linear["holds"] is True
    # time alone over the ratio fails; so do a slow throughput, errors and a slow p95
    slow = scenarios.write_targets(_writes_results(booking_seconds=0.2, per_second=5.0, p95=1.5, errors=1))
    assert [target["holds"] for target in slow[:3]] == [False, False, False]
    # nothing measured, nothing said
    assert scenarios.write_targets({}) == []
    unavailable = {"writes": {"booking": {"label": "b", "available": False}, "anchor": {"label": "a"}}}
    assert scenarios.write_targets(unavailable) == []


def test_mail_targets():
    def mail(key, seconds_per_record, count=20):
        return {
            "key": key,
            "label": key,
            "count": count,
            "seconds": seconds_per_record * count,
            "queries": 50 * count,
            "queries_per_record": 50.0,
            "seconds_per_record": seconds_per_record,
        }

    results = {"batches": [mail("penalty_mail", 0.38), mail("recurring_mail", 0.9, count=3)]}
    targets = {target["target"]: target for target in scenarios.write_targets(results)}
    penalty = targets["penalty invoices mailed by Send & Print's cron (20 queued): ≤ 0.5 s per invoice (PDF + mail)"]
    assert penalty["holds"] is True and penalty["detail"] == "380 ms and 50 queries per invoice"
    recurring = targets[
        "recurring charge invoices mailed by Send & Print's cron (3 queued): ≤ 0.5 s per invoice (PDF + mail)"
    ]
    assert recurring["holds"] is False
    # not measured (module not installed, nothing queued): nothing said
    unavailable = {"batches": [{**mail("penalty_mail", 0.1), "available": False}]}
    assert scenarios.write_targets(unavailable) == []


def test_markdown_shows_the_booking_next_to_its_anchor():
    results = _results()
    results.update(_writes_results())
    results["targets"] = scenarios.evaluate_targets(results)
    text = report.render_markdown(results)
    assert "| book | 120 | 120 | 60 | 60 | 1.20 | 1.20 |" in text
    assert "| stock meeting | 100 | 100 | 50 | 50 |  |  |" in text
    assert "≤ 1.3 × stock invoice" in text
    assert "| clients of several experts, each its own slot | 100 | 100 | 0 | 0 | 5000 ms | 20.0 |" in text
    unavailable = {"label": "book", "available": False, "reason": "only 3 free slots"}
    results["writes"] = {"booking": unavailable, "anchor": {**unavailable, "label": "stock meeting"}}
    assert "| book | n/a (only 3 free slots) |" in report.render_markdown(results)


# ----------------------------------------------------------------------
# --nodes
# ----------------------------------------------------------------------


def _nodes_results(twice=0, booked=1):
    return {
        "nodes": 2,
        "db": "ep_bench_small_nodes",
        "prepared": {"late_cancellations": 20, "queued_invoice_mails": 20},
        "race": {
            "clients": 20,
            "booked": booked,
            "refused": 20 - booked,
            "errors": 0,
            "seconds": 2.0,
            "per_second": booked / 2.0,
            "in_database": booked,
            "nodes": 2,
        },
        "crons": [
            [{"cron": "recurring_order.ir_cron_charge_due", "ok": True, "error": None, "seconds": 3.0}],
            [
                {
                    "cron": "recurring_order.ir_cron_charge_due",
                    "ok": False,
                    "error": "SerializationFailure: could not serialize",
                    "seconds": 0.5,
                }
            ],
        ],
        "effects": {
            "recurring charges (periods charged)": {"count": 50, "twice": twice},
            "mails (record and subject)": {"count": 20, "twice": 0},
        },
    }


def test_nodes_option():
    assert cli.parse_args([]).nodes == 1
    assert cli.parse_args(["--nodes", "2"]).nodes == 2
    with pytest.raises(SystemExit):
        cli.parse_args(["--nodes", "0"])


def test_node_targets():
    targets = scenarios.node_targets(_nodes_results())
    assert [target["holds"] for target in targets] == [True, True]
    assert targets[0]["target"] == "20 clients on 2 nodes, same slot: exactly one booking"
    assert targets[1]["detail"] == (
        "recurring charges (periods charged): 50 done, 0 twice; mails (record and subject): 20 done, 0 twice; "
        "runs rolled back: recurring_order.ir_cron_charge_due"
    )
    bad = scenarios.node_targets(_nodes_results(twice=1, booked=2))
    assert [target["holds"] for target in bad] == [False, False]
    assert scenarios.node_targets({}) == []


def test_markdown_of_nodes():
    results = _results()
    results["nodes"] = _nodes_results()
    results["targets"] = scenarios.evaluate_targets(results)
    text = report.render_markdown(results)
    assert "## 2 nodes on one database (`ep_bench_small_nodes`, a copy, dropped afterwards)" in text
    assert "| same slot | 20 | 1 | 19 | 0 | 2000 ms | 0.5 |" in text
    assert (
        "| node 2 | recurring_order.ir_cron_charge_due | rolled back (SerializationFailure: could not serialize) |"
        in text
    )
    assert "| recurring charges (periods charged) | 50 | 0 |" in text
    assert "| crons on 2 nodes at once: nothing charged, settled or sent twice | yes |" in text


def test_backend_lists_compare_with_odoos_order_list():
    assert backend.LIST_BY_KEY["stock_orders"].stock is None
    for entry in backend.LISTS:
        assert entry.stock in (None, *backend.LIST_BY_KEY), entry.key
    payload = backend.call_kw_payload(backend.LIST_BY_KEY["order_payments"], {"heavy": {"order": 7}})
    assert payload["params"]["kwargs"]["domain"] == [("order_id", "=", 7)]
    assert payload["params"]["method"] == "web_search_read"
    lists = [
        {
            "key": "stock_orders",
            "label": "Odoo",
            "stock": None,
            "time": {"median": 0.1, "p95": 0.2},
            "queries": {"median": 10, "p95": 10},
        },
        {
            "key": "all_orders",
            "label": "All orders",
            "stock": "stock_orders",
            "time": {"median": 0.2, "p95": 0.3},
            "queries": {"median": 12, "p95": 12},
        },
        {
            "key": "payments",
            "label": "Payments",
            "stock": "stock_orders",
            "available": False,
            "reason": "module not installed",
        },
    ]
    backend.add_list_ratios(lists)
    assert lists[1]["query_ratio"] == 1.2
    rows = report.backend_list_rows(lists)
    assert rows[1][4] == report.fmt_ratio(1.2)
    assert "n/a" in rows[2][1]


def test_reports_render_next_to_odoos_pivot():
    rows = [
        {"key": "stock_pivot", "label": "Odoo's pivot", "time": {"median": 0.1, "p95": 0.2}, "queries": {"median": 5}},
        {
            "key": "detailed_report",
            "label": "Detailed report",
            "stock": "stock_pivot",
            "time": {"median": 0.3, "p95": 0.4},
            "queries": {"median": 12},
            "time_ratio": 3.0,
        },
        {
            "key": "csv",
            "label": "CSV",
            "stock": "stock_pivot",
            "time": {"median": 0.2, "p95": 0.2},
            "rows": 40,
            "bytes": 2048,
            "peak_mib": 150.2,
            "growth_mib": 0.5,
            "time_ratio": 2.0,
        },
        {"key": "csv", "label": "CSV", "stock": "stock_pivot", "available": False, "reason": "module not installed"},
    ]
    lines = report.report_rows(rows)
    assert lines[1][4] == report.fmt_ratio(3.0)
    assert lines[2][5] == "40 rows, 2048 bytes 150 MiB (+0.5 while streaming)"
    assert "n/a" in lines[3][1]
    markdown = report.render_markdown(
        {
            "meta": {"size": "small", "date": "d", "db": "x", "workers": 2, "cpus": 2, "runs": 1, "warmup": 0},
            "reports": rows[:3],
        }
    )
    assert "Odoo's sales analysis pivot" in markdown
