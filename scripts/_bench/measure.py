"""Measure a filled benchmark database.

- portal pages over HTTP on one Odoo server (``--workers=2``) started and
  stopped here; SQL queries per request from its werkzeug access log;
- the slot planner in process (time, ``cr.sql_log_count``);
- booking under contention: real HTTP POSTs with CSRF tokens, one logged in
  session per client, all released at once;
- batches in process, each in a transaction rolled back at the end (the
  database stays as filled): late cancellation of booked sessions, and
  settling share lines when ``revenue_share`` is installed;
- with ``recurring_order``, the charge cron over every due recurring order
  (cards of the demo provider), in two batches to show the cost per
  charge is linear, and Odoo's post-processing of a sample of the charges
  (order confirmed, invoiced, paid, invoice mailed), rolled back.
"""

import collections
import contextlib
import datetime
import logging
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from unittest.mock import patch

import requests

from odoo import SUPERUSER_ID, api

from . import backend, fill, logparse, reports, scenarios
from .sizes import RECURRING_FIRST_BATCH, SLOT_EVENT_COUNTS
from .stats import summarize

_logger = logging.getLogger("bench.measure")
CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
HTTP_TIMEOUT = 120
NOT_INSTALLED = scenarios.NOT_INSTALLED


def log(message):
    sys.stderr.write(f"[bench] {message}\n")
    sys.stderr.flush()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def installed_modules(env, names):
    env.cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed' AND name IN %s", [tuple(names)])
    return {name for (name,) in env.cr.fetchall()}


# ----------------------------------------------------------------------
# the measured server
# ----------------------------------------------------------------------


class OdooServer:
    """``odoo-bin --workers=N`` on a free port, its log in a file."""

    def __init__(self, args, logfile):
        self.args = args
        self.logfile = logfile
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self._offset = 0

    def __enter__(self):
        command = [
            sys.executable,
            self.args.odoo_bin,
            *self.args.odoo_args,
            "-d",
            self.args.db,
            f"--db-filter=^{re.escape(self.args.db)}$",
            f"--http-port={self.port}",
            "--http-interface=127.0.0.1",
            f"--workers={self.args.workers}",
            "--max-cron-threads=0",
            "--log-level=info",
            f"--logfile={self.logfile}",
            "--limit-time-real=600",
            "--limit-time-cpu=600",
        ]
        open(self.logfile, "w").close()  # pylint: disable=consider-using-with
        log(f"starting Odoo on {self.url} (--workers={self.args.workers}), log {self.logfile}")
        self.process = subprocess.Popen(  # pylint: disable=consider-using-with
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Odoo exited with code {self.process.returncode}: see {self.logfile}")
            try:
                if requests.get(f"{self.url}/web/login", timeout=10).status_code == 200:
                    return self
            except requests.RequestException as error:
                _logger.debug("Odoo not answering yet: %s", error)
            time.sleep(0.5)
        raise RuntimeError(f"Odoo did not answer on {self.url} within 180 s: see {self.logfile}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            log(f"stopping Odoo (pid {self.process.pid})")
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        return False

    def new_lines(self):
        with open(self.logfile, encoding="utf-8", errors="replace") as handle:
            handle.seek(self._offset)
            text = handle.read()
        # keep a partly written last line for the next read
        cut = text.rfind("\n") + 1
        self._offset += len(text[:cut].encode("utf-8", errors="replace"))
        return text[:cut].splitlines()

    def access_line(self, method, path, timeout=5.0):
        """The access line of the request just answered (workers log it
        when they send the response)."""
        deadline = time.monotonic() + timeout
        seen = []
        while True:
            seen += self.new_lines()
            found = logparse.find_request(seen, method, path)
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.02)

    def repeat(self, method, path, send, warmup, runs):
        """``send()`` (one request to ``path``, returning its response)
        ``warmup`` + ``runs`` times: the wall time of the measured runs and,
        from the access log, the server's time and SQL queries; the statuses
        of all runs. Returns ``(summary, responses)``."""
        times, server_times, queries, responses = [], [], [], []
        self.new_lines()  # skip what was logged before
        for run in range(warmup + runs):
            started = time.perf_counter()
            response = send()
            elapsed = time.perf_counter() - started
            responses.append(response)
            access = self.access_line(method, path)
            if run < warmup:
                continue
            times.append(elapsed)
            if access and access.queries is not None:
                queries.append(access.queries)
                server_times.append(access.server_time)
        summary = {
            "time": summarize(times),
            "server_time": summarize(server_times) if server_times else None,
            "queries": summarize(queries) if queries else {"median": None, "p95": None},
            "status": sorted({response.status_code for response in responses}),
        }
        return summary, responses


class Client:
    """One logged-in portal user over HTTP."""

    def __init__(self, server, login, password):
        self.server = server
        self.session = requests.Session()
        self.login = login
        page = self.session.get(f"{server.url}/web/login", timeout=HTTP_TIMEOUT)
        response = self.session.post(
            f"{server.url}/web/login",
            data={"login": login, "password": password, "csrf_token": csrf_token(page.text), "redirect": ""},
            allow_redirects=False,
            timeout=HTTP_TIMEOUT,
        )
        if response.status_code not in (302, 303):
            raise RuntimeError(f"login of {login} failed (HTTP {response.status_code})")

    def get(self, path):
        return self.session.get(f"{self.server.url}{path}", allow_redirects=False, timeout=HTTP_TIMEOUT)

    def post(self, path, data, json_body=False):
        body = {"json": data} if json_body else {"data": data}
        return self.session.post(f"{self.server.url}{path}", **body, allow_redirects=False, timeout=HTTP_TIMEOUT)


def csrf_token(html):
    match = CSRF_RE.search(html)
    if not match:
        raise RuntimeError("no csrf_token in the page")
    return match.group(1)


# ----------------------------------------------------------------------
# pages
# ----------------------------------------------------------------------


def measure_page(server, client, path, warmup, runs):
    summary, _responses = server.repeat("GET", path, lambda: client.get(path), warmup, runs)
    return summary


def measure_pages(server, data, installed, args):
    pages = []
    for client_key in ("light", "heavy"):
        info = data[client_key]
        client = Client(server, info["login"], info["login"])
        for page in scenarios.PAGES:
            url = page.url.format(line=info.get("line"), order=info.get("order"))
            entry = {
                "key": page.key,
                "label": page.url.replace("{line}", "<line>").replace("{order}", "<order>"),
                "url": url,
                "client": client_key,
                "module": page.module,
                "stock": scenarios.PAGE_BY_KEY[page.stock].url.replace("{order}", "<order>") if page.stock else None,
            }
            if page.module not in installed:
                entry.update(available=False, reason=NOT_INSTALLED)
            else:
                log(f"page {url} ({client_key} client)")
                entry.update(measure_page(server, client, url, args.warmup, args.runs))
                if entry["status"] != [200]:
                    entry.update(available=False, reason=f"HTTP {entry['status']}")
            pages.append(entry)
    return scenarios.add_ratios(pages)


# ----------------------------------------------------------------------
# slot planner
# ----------------------------------------------------------------------


def measure_slots(registry, data, args):
    results = []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        client = env["res.users"].search([("login", "=", data["slot_client"])])
        for count in SLOT_EVENT_COUNTS:
            line_id = data["slot_lines"][str(count)]
            user_env = api.Environment(cr, client.id, {})
            line = user_env["sale.order.line"].browse(line_id)
            now = datetime.datetime.now()
            window = (now, now + timedelta(days=30))
            cr.execute(
                """SELECT COUNT(*) FROM calendar_event
                    WHERE active AND user_id = %s AND start < %s AND stop > %s""",
                [line.sudo().session_expert_id.id, window[1], window[0]],
            )
            in_window = cr.fetchone()[0]
            times, queries, warm_times, warm_queries, slots = [], [], [], [], []
            for run in range(args.warmup + args.runs):
                env.invalidate_all()  # cold: nothing in the ORM cache, as a new request
                before = cr.sql_log_count
                started = time.perf_counter()
                slots = line._session_get_free_slots(*window)
                elapsed = time.perf_counter() - started
                # warm: the records already read (as on the booking page,
                # whose controller has read the line before)
                warm_before = cr.sql_log_count
                warm_started = time.perf_counter()
                line._session_get_free_slots(*window)
                warm_elapsed = time.perf_counter() - warm_started
                if run >= args.warmup:
                    times.append(elapsed)
                    queries.append(warm_before - before)
                    warm_times.append(warm_elapsed)
                    warm_queries.append(cr.sql_log_count - warm_before)
            log(f"slots with {count} events: {len(slots)} free, {sorted(times)[len(times) // 2] * 1000:.1f} ms")
            results.append(
                {
                    "events": count,
                    "events_in_window": in_window,
                    "time": summarize(times),
                    "queries": summarize(queries),
                    "warm_time": summarize(warm_times),
                    "warm_queries": summarize(warm_queries),
                    "free_slots": len(slots),
                }
            )
        cr.rollback()
    return results


# ----------------------------------------------------------------------
# booking under contention
# ----------------------------------------------------------------------


def _race_cleanup(registry, data, clients=None):
    """Remove the bookings of the race clients (or of ``clients``; earlier
    runs included)."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
        lines = [client["line"] for client in (clients or data["race"]["clients"])]
        bookings = env["session.booking"].search([("sale_line_id", "in", lines)])
        events = bookings.calendar_event_id
        bookings.unlink()
        events.unlink()


def _race_slots(registry, data, count, line_id=None):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        line = env["sale.order.line"].browse(line_id or data["race"]["clients"][0]["line"])
        now = datetime.datetime.now()
        slots = line._session_get_free_slots(now + timedelta(hours=2), now + timedelta(days=30))
        cr.rollback()
    return slots[:count]


def _post_all(clients, posts, json_body=False):
    """POST ``posts[i]`` (path, form or, with ``json_body``, JSON) as
    ``clients[i]``, all released together; returns (responses, wall seconds
    from release to the last answer, seconds of each request)."""
    barrier = threading.Barrier(len(clients) + 1)
    responses = [None] * len(clients)
    latencies = [None] * len(clients)

    def run(index):
        path, data = posts[index]
        barrier.wait()
        started = time.perf_counter()
        try:
            responses[index] = clients[index].post(path, data, json_body=json_body)
        except requests.RequestException as error:
            responses[index] = error
        latencies[index] = time.perf_counter() - started

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(clients))]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join(timeout=HTTP_TIMEOUT * 2)
    return responses, time.perf_counter() - started, [value for value in latencies if value is not None]


def _outcome(responses, seconds, latencies=()):
    booked = sum(1 for r in responses if isinstance(r, requests.Response) and r.status_code in (302, 303))
    refused = sum(1 for r in responses if isinstance(r, requests.Response) and r.status_code == 200)
    # what each failed request got: its HTTP status or the client's exception
    kinds = collections.Counter(
        f"HTTP {r.status_code}" if isinstance(r, requests.Response) else type(r).__name__
        for r in responses
        if not (isinstance(r, requests.Response) and r.status_code in (200, 302, 303))
    )
    return {
        "clients": len(responses),
        "booked": booked,
        "refused": refused,
        "errors": len(responses) - booked - refused,
        "error_kinds": dict(kinds),
        "seconds": seconds,
        "per_second": booked / seconds if seconds else None,
        "latency": summarize(latencies) if latencies else None,
    }


def measure_contention(server, registry, data):
    race = data["race"]["clients"]
    _race_cleanup(registry, data)
    slots = _race_slots(registry, data, len(race) + 1)
    if len(slots) < len(race) + 1:
        reason = f"only {len(slots)} free slots"
        return {
            "same_slot": {"available": False, "reason": reason},
            "different_slots": {"available": False, "reason": reason},
        }
    clients, forms = _login_forms(server, race)
    stamp = slots[0].strftime("%Y-%m-%d %H:%M:%S")
    log(f"{len(clients)} clients booking the same slot {stamp} UTC")
    responses, seconds, latencies = _post_all(
        clients, [(path, {"csrf_token": token, "start": stamp}) for path, token in forms]
    )
    same = _outcome(responses, seconds, latencies)
    with registry.cursor() as cr:
        cr.execute(
            "SELECT COUNT(*) FROM session_booking WHERE expert_id = %s AND start = %s AND state = 'booked'",
            [data["race"]["expert"], slots[0]],
        )
        same["in_database"] = cr.fetchone()[0]
    log(f"{len(clients)} clients booking different slots")
    posts = [
        (path, {"csrf_token": token, "start": slot.strftime("%Y-%m-%d %H:%M:%S")})
        for (path, token), slot in zip(forms, slots[1:], strict=True)
    ]
    responses, seconds, latencies = _post_all(clients, posts)
    different = _outcome(responses, seconds, latencies)
    _race_cleanup(registry, data)
    stock = measure_stock_meetings(server, registry, data, slots[1:])
    return {"same_slot": same, "different_slots": different, "stock_meetings": stock}


STOCK_MEETINGS_LABEL = "stock: the expert creates as many meetings at once (calendar, every attendee invited)"


def measure_stock_meetings(server, registry, data, slots):
    """The throughput anchor of the bookings on different slots: the race's
    expert creates the same meetings at once in Odoo's calendar, one
    logged-in browser each (JSON-RPC ``calendar.event.create``, as the web
    client's calendar does; attendees, invitations, alarms, the values of
    the in-process anchor). The meetings are removed afterwards."""
    race = data["race"]["clients"][: len(slots)]
    password = secrets.token_urlsafe(16)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        lines = env["sale.order.line"].browse([client["line"] for client in race])
        expert = lines[0].session_expert_id
        # the bench's experts have no password: a new one for each run
        expert.password = password
        login = expert.login
        duration = timedelta(hours=lines[0].session_duration)
        values = []
        for line, start in zip(lines, slots, strict=False):
            item = _stock_meeting_values(line, start, start + duration)
            values.append({**item, "start": f"{start:%Y-%m-%d %H:%M:%S}", "stop": f"{item['stop']:%Y-%m-%d %H:%M:%S}"})
    log(f"the expert creating {len(values)} meetings at once")
    clients = [Client(server, login, password) for _value in values]
    posts = [
        (
            "/web/dataset/call_kw/calendar.event/create",
            {
                "jsonrpc": "2.0",
                "method": "call",
                "id": index,
                "params": {
                    "model": "calendar.event",
                    "method": "create",
                    "args": [value],
                    "kwargs": {"context": {"mail_notify_author": True}},
                },
            },
        )
        for index, value in enumerate(values)
    ]
    responses, seconds, latencies = _post_all(clients, posts, json_body=True)
    created, kinds = [], collections.Counter()
    for response in responses:
        if not isinstance(response, requests.Response):
            kinds[type(response).__name__] += 1
        elif response.status_code != 200:
            kinds[f"HTTP {response.status_code}"] += 1
        elif isinstance(response.json().get("result"), int):
            created.append(response.json()["result"])
        else:
            kinds["JSON-RPC error"] += 1
    with registry.cursor() as cr:
        api.Environment(cr, SUPERUSER_ID, {})["calendar.event"].browse(created).unlink()
    return {
        "clients": len(responses),
        "created": len(created),
        "errors": len(responses) - len(created),
        "error_kinds": dict(kinds),
        "seconds": seconds,
        "per_second": len(created) / seconds if seconds else None,
        "latency": summarize(latencies) if latencies else None,
    }


def _login_forms(server, infos):
    """Logged-in clients and the booking form (path, CSRF token) of each."""
    clients, forms = [], []
    for info in infos:
        client = Client(server, info["login"], info["login"])
        page = client.get(f"/my/sessions/book/{info['line']}")
        clients.append(client)
        forms.append((f"/my/sessions/book/{info['line']}", csrf_token(page.text)))
    return clients, forms


def measure_crowd(server, registry, data):
    """All the crowd's clients (``CROWD_EXPERTS`` experts, each with its
    clients) POST a booking at once, each a different free slot of its
    expert: bookings per second across experts, latency, errors; the
    bookings are removed afterwards."""
    crowd = data.get("crowd") or []
    if not crowd:
        return {"available": False, "reason": "no crowd in the database"}
    _race_cleanup(registry, data, crowd)
    by_expert = {}
    for info in crowd:
        by_expert.setdefault(info["expert"], []).append(info)
    posts_for = {}
    for infos in by_expert.values():
        slots = _race_slots(registry, data, len(infos), line_id=infos[0]["line"])
        if len(slots) < len(infos):
            return {"available": False, "reason": f"only {len(slots)} free slots of an expert"}
        for info, slot in zip(infos, slots, strict=True):
            posts_for[info["login"]] = slot.strftime("%Y-%m-%d %H:%M:%S")
    log(f"logging in {len(crowd)} clients of {len(by_expert)} experts")
    clients, forms = _login_forms(server, crowd)
    posts = [
        (path, {"csrf_token": token, "start": posts_for[info["login"]]})
        for (path, token), info in zip(forms, crowd, strict=True)
    ]
    log(f"{len(clients)} clients of {len(by_expert)} experts booking at once")
    responses, seconds, latencies = _post_all(clients, posts)
    outcome = _outcome(responses, seconds, latencies)
    outcome["experts"] = len(by_expert)
    _race_cleanup(registry, data, crowd)
    return outcome


# ----------------------------------------------------------------------
# batches, rolled back
# ----------------------------------------------------------------------


MAIL_SAMPLE = 20  # queued penalty mails sent by the Send & Print cron, measured


def _batch(key, label, count, seconds, queries, **extra):
    return {
        "key": key,
        "label": label,
        "count": count,
        "seconds": seconds,
        "queries": queries,
        "queries_per_record": round(queries / count, 2),
        "seconds_per_record": seconds / count,
        **extra,
    }


def _run_batch(env, key, label, count, func, cold=False):
    """Run ``func()`` (a batch of ``count`` records) as :func:`_timed` does:
    its time and SQL queries as a batch entry."""
    _result, seconds, queries = _timed(env, func, cold=cold)
    return _batch(key, label, count, seconds, queries)


# ----------------------------------------------------------------------
# writes next to the stock operations they wrap (anchors), rolled back
# ----------------------------------------------------------------------

BOOKING_LABEL = "book a session (portal client: `_session_book`)"
BOOKING_ANCHOR_LABEL = (
    "stock: the expert creates the meeting, every attendee invited as Odoo's appointments do "
    "(`calendar.event`, attendees, invitations, alarms)"
)


def _timed(env, call, cold=True):
    """``(result, seconds, queries)`` of ``call()`` with what the commit
    ending its request or cron job does before COMMIT: the pending writes
    flushed and the precommit hooks run (the tracking messages among them).
    Measurements roll back instead of committing: without that, a call's
    hooks would run at the next savepoint of whatever comes next (a later
    measured call paid them: the penalty mails after a batch of 1,000
    cancellations wrote the cancellations' tracking). The work pending
    before the call is done first, unmeasured. ``cold``: on a cold
    environment cache (as at the start of a request; Odoo's ormcaches stay
    warm)."""
    cr = env.cr
    cr.flush()
    if cold:
        env.invalidate_all()
    before = cr.sql_log_count
    started = time.perf_counter()
    result = call()
    cr.flush()
    return result, time.perf_counter() - started, cr.sql_log_count - before


def _stock_meeting_values(line, start, stop):
    """The meeting a user makes in Odoo's calendar for the same session: the
    expert and the client as attendees, the booking's alarms, a video call
    link; calendar sends the invitations itself. Created with
    ``mail_notify_author``: a booking tells both sides (the client by the
    invitation, the expert by its note), as Odoo's appointment module invites
    every attendee of a booked meeting, its organiser included
    (``calendar.attendee._should_notify_attendee``)."""
    expert = line.session_expert_id
    Booking = line.env["session.booking"]
    return {
        "name": f"{line.order_id.partner_id.name}: {line.product_id.name}",
        "start": start,
        "stop": stop,
        "user_id": expert.id,
        "partner_ids": [(6, 0, (expert.partner_id | line.order_id.partner_id).ids)],
        "alarm_ids": [(6, 0, Booking._default_alarms().ids)],
        "videocall_location": f"{line.get_base_url()}/calendar/join_videocall/bench",
        "privacy": "private",
        "show_as": "busy",
    }


class _RolledBack(Exception):
    pass


def _warm_booking(env, line, start):
    """Book ``start`` on ``line`` (as its user) and roll it back."""
    env.invalidate_all()
    with contextlib.suppress(_RolledBack), env.cr.savepoint():
        line._session_book(start)
        env.flush_all()
        raise _RolledBack
    env.invalidate_all()


def measure_booking_anchor(registry, data, args):
    """One booking by a portal client (``sale.order.line._session_book``:
    locks, slot check, session, meeting, invitation, notes) next to the
    stock meeting creation it wraps, made by the expert in Odoo's calendar
    (``calendar.event.create``: attendees, invitation mail, alarms), on the
    same expert, client and slots; alternately, each on a cold environment
    cache; ``--warmup`` pairs first, unmeasured. Rolled back."""
    race = data["race"]["clients"]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        lines = env["sale.order.line"].browse([client["line"] for client in race])
        now = datetime.datetime.now()
        slots = lines[:1]._session_get_free_slots(now + timedelta(hours=2), now + timedelta(days=30))
        count = min(len(lines), len(slots) // 2, args.warmup + args.runs)
        if count <= args.warmup:
            cr.rollback()
            reason = {"available": False, "reason": f"only {len(slots)} free slots"}
            return {"booking": {"label": BOOKING_LABEL, **reason}, "anchor": {"label": BOOKING_ANCHOR_LABEL, **reason}}
        users = {
            user.partner_id.id: user for user in env["res.users"].search([("login", "in", [c["login"] for c in race])])
        }
        expert = lines[0].session_expert_id
        duration = timedelta(hours=lines[0].session_duration)
        ours, stock = {"time": [], "queries": []}, {"time": [], "queries": []}
        log(f"booking {count} sessions next to {count} stock meetings ({args.warmup} unmeasured)")
        for index in range(count):
            line = lines[index]
            client = users[line.order_id.partner_id.id]
            mine, theirs = slots[2 * index], slots[2 * index + 1]
            values = _stock_meeting_values(line, theirs, theirs + duration)
            # warm for the client as the anchor is for the expert (who makes
            # every stock meeting): Odoo's per-user ormcaches (access rules,
            # groups, defaults of each created model, default subtypes) are
            # filled by one booking of this client, rolled back
            _warm_booking(env, line.with_user(client), mine)
            _result, seconds, queries = _timed(
                env, lambda line=line, client=client, mine=mine: line.with_user(client)._session_book(mine)
            )
            _event, stock_seconds, stock_queries = _timed(
                env,
                lambda values=values: env["calendar.event"]
                .with_user(expert)
                .with_context(mail_notify_author=True)
                .create(values),
            )
            if index >= args.warmup:
                ours["time"].append(seconds)
                ours["queries"].append(queries)
                stock["time"].append(stock_seconds)
                stock["queries"].append(stock_queries)
        cr.rollback()
    booking = {"label": BOOKING_LABEL, "time": summarize(ours["time"]), "queries": summarize(ours["queries"])}
    anchor = {"label": BOOKING_ANCHOR_LABEL, "time": summarize(stock["time"]), "queries": summarize(stock["queries"])}
    return {"booking": booking, "anchor": anchor}


CANCEL_ANCHOR_SAMPLE = 50
CANCEL_ANCHOR_WARMUP = 3
CANCEL_ANCHOR_LABEL = "stock: create, post and queue the same invoice (Send & Print), archive the meeting"


def _stock_invoice_values(booking):
    """The penalty invoice of ``booking`` as a user would create it: same
    customer, product, price, taxes and account, no link to the session."""
    values = booking._prepare_penalty_invoice_values("late")
    for key in ("session_booking_id", "session_penalty_kind"):
        values.pop(key, None)
    return values


def _stock_invoice(env, values, template, sender):
    """What Odoo does for one invoice created, posted and queued for
    sending: ``account.move.send.action_send_and_print`` on several
    invoices stores the wizard's values and triggers the cron."""
    move = env["account.move"].create(values)
    move.action_post()
    move.send_and_print_values = {
        "mail_template_id": template.id,
        "sp_partner_id": sender.partner_id.id,
        "sp_user_id": sender.id,
        "download": False,
        "send_mail": True,
    }
    env.ref("account.ir_cron_account_move_send")._trigger()
    return move


def measure_cancel_anchor(env, bookings):
    """Per session, the stock invoice create + post + queue and the
    meeting archived, for a sample of the sessions about to be cancelled
    (values prepared beforehand, one session at a time as cancellations
    make them; the first few unmeasured). The meetings are active again
    afterwards, for the cancellations. In the caller's transaction (rolled
    back by it)."""
    sample = bookings[: CANCEL_ANCHOR_SAMPLE + CANCEL_ANCHOR_WARMUP]
    if len(sample) <= CANCEL_ANCHOR_WARMUP:
        return {"key": "cancel_anchor", "label": CANCEL_ANCHOR_LABEL, "available": False, "reason": "too few sessions"}
    prepared = [(booking, _stock_invoice_values(booking)) for booking in sample]
    template = env.ref("account.email_template_edi_invoice")
    warm, measured = prepared[:CANCEL_ANCHOR_WARMUP], prepared[CANCEL_ANCHOR_WARMUP:]

    def run(items):
        for booking, values in items:
            _stock_invoice(
                env["account.move"].with_company(booking.company_id).env, values, template, booking.expert_id
            )
            booking.calendar_event_id.active = False

    run(warm)
    batch = _run_batch(env, "cancel_anchor", CANCEL_ANCHOR_LABEL, len(measured), lambda: run(measured))
    sample.calendar_event_id.active = True
    env.flush_all()
    return batch


def measure_cancel(registry, size, server_url):
    """Late cancellation of ``size.cancel_batch`` booked sessions in one
    batch (penalty invoices created and posted, their mails queued), then
    the Send & Print cron sending a sample of the queued mails (PDF render
    and mail): two entries, rolled back."""
    label = "cancel booked sessions late (penalty invoices)"
    mail_label = "send queued penalty invoices (PDF + mail, cron)"
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        now = datetime.datetime.now()
        bookings = env["session.booking"].search(
            [("state", "=", "booked"), ("start", ">", now + timedelta(hours=1))], order="start", limit=size.cancel_batch
        )
        if not bookings:
            reason = {"available": False, "reason": "no booked session"}
            return [{"key": "cancel", "label": label, **reason}, {"key": "penalty_mail", "label": mail_label, **reason}]
        # every session of the batch falls in its policy's late window; the
        # invoice PDFs (wkhtmltopdf) load their styles from the running server
        cr.execute("UPDATE session_cancellation_policy SET late_window_hours = %s", [24 * 365])
        env["ir.config_parameter"].set_param("report.url", server_url)
        env.invalidate_all()
        anchor = measure_cancel_anchor(env, bookings)
        env.invalidate_all()
        # as the clients cancel (the batch entry point: who cancels is given
        # by the job), a tenth first, then the rest: the cost per session
        # must not grow with the batch (linear)
        first = max(len(bookings) // 10, 1)
        parts = []
        for key, part_label, part in (
            ("cancel_first", f"{label}, first tenth", bookings[:first]),
            ("cancel_rest", f"{label}, the rest", bookings[first:]),
        ):
            if not part:
                continue
            log(f"cancelling {len(part)} sessions late in one batch")
            parts.append(
                _run_batch(env, key, part_label, len(part), lambda part=part: part._cancel("client", "Benchmark"))
            )
        cancel = _batch(
            "cancel",
            label,
            len(bookings),
            sum(part["seconds"] for part in parts),
            sum(part["queries"] for part in parts),
        )
        cancel["penalties"] = len(bookings.penalty_move_id)
        queued = bookings.penalty_move_id.filtered("send_and_print_values")
        sample = min(len(queued), MAIL_SAMPLE)
        if sample:
            log(f"sending {sample} of the {len(queued)} queued penalty invoices (Send & Print cron)")
            # as the cron starts: nothing of the batch above in the caches
            mail = _run_batch(
                env,
                "penalty_mail",
                mail_label,
                sample,
                lambda: env["account.move"]._cron_account_move_send(job_count=sample),
                cold=True,
            )
        else:
            mail = {"key": "penalty_mail", "label": mail_label, "available": False, "reason": "no queued mail"}
        cr.rollback()
    return [cancel, *parts, anchor, mail]


def measure_settle(registry, installed):
    """Settle every settleable share line of every expert, as the monthly
    cron does (``revenue.share.settlement._settle_period``: one settlement
    per expert, posted with its vendor bill, payouts queued), rolled back."""
    label = "settle all experts' share lines (settlements, vendor bills)"
    entry = {"key": "settle", "label": label}
    if "revenue_share" not in installed:
        return {**entry, "available": False, "reason": NOT_INSTALLED}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        today = datetime.date.today()
        settlements, seconds, queries = _timed(
            env,
            lambda: env["revenue.share.settlement"]._settle_period(today.replace(day=1), today, post=True),
            cold=False,
        )
        count = sum(settlements.mapped("line_count"))
        cr.rollback()
    if not count:
        return {**entry, "available": False, "reason": "no settleable share line"}
    log(f"settled {count} share lines in {len(settlements)} settlements")
    return _batch("settle", label, count, seconds, queries, settlements=len(settlements))


# ----------------------------------------------------------------------
# invoice follow-up: the resend cron and the monthly statements, rolled back
# ----------------------------------------------------------------------

RESEND_LABEL = "resend unpaid invoices (cron: reminder mail, counters)"
FOLLOWUP_WARMUP = 3  # records sent first, unmeasured (templates compiled, caches filled)
STATEMENT_LABEL = "monthly statements (cron: PDF + mail to the AP contact)"


def _prepare_resend(env, size, server_url):
    """The unpaid invoices of the run, as the cron finds them in steady
    state: sent a month ago with their PDF (made by that first send, so one
    rendering is attached to each here), reminders on for them only."""
    Move = env["account.move"]
    invoices = Move.search(
        Move._followup_due_domain() + [("partner_id.email", "!=", False)],
        order="id",
        limit=size.resend_invoices or None,
    )
    if not invoices:
        return invoices
    env.company.write(
        {
            "invoice_resend_enabled": True,
            "invoice_resend_interval_days": 7,
            "invoice_resend_max_count": 3,
            "invoice_resend_start": "before_due",
            "invoice_pdf_login_required": False,
        }
    )
    env["ir.config_parameter"].set_param("report.url", server_url)
    env.flush_all()
    cr = env.cr
    cr.execute("UPDATE account_move SET followup_enabled = (id = ANY(%s))", [invoices.ids])
    cr.execute(
        """UPDATE account_move SET is_move_sent = TRUE, last_sent_at = %s, followup_auto_sent_count = 0,
                  send_and_print_values = NULL
            WHERE id = ANY(%s)""",
        [datetime.datetime.now() - timedelta(days=30), invoices.ids],
    )
    env.invalidate_all()
    pdf = env["ir.actions.report"]._render_qweb_pdf("account.account_invoices", invoices[:1].ids)[0]
    missing = invoices.filtered(lambda invoice: not invoice.invoice_pdf_report_id)
    for start in range(0, len(missing), 500):
        env["ir.attachment"].create(
            [
                {
                    "name": invoice._get_invoice_report_filename(),
                    "raw": pdf,
                    "mimetype": "application/pdf",
                    "res_model": "account.move",
                    "res_id": invoice.id,
                    "res_field": "invoice_pdf_report_file",
                }
                for invoice in missing[start : start + 500]
            ]
        )
    env.flush_all()
    env.invalidate_all()
    return invoices


def _measure_followup(registry, installed, prefix, label, noun, prepare, run):
    """Two batch entries of an invoice follow-up cron over the records
    ``prepare(env)`` sets up (rolled back): after a few unmeasured (the
    first ones compile the templates and fill the caches), a tenth, then the
    rest, to see the cost per record stay the same (linear). ``run(env,
    batch_size)`` runs the cron without committing and returns how many it
    sent (the cron commits after each record outside the benchmark)."""
    entries = [
        {"key": f"{prefix}_first", "label": f"{label}, first tenth"},
        {"key": f"{prefix}_rest", "label": f"{label}, the rest"},
    ]
    if "invoice_followup" not in installed:
        return [{**entry, "available": False, "reason": NOT_INSTALLED} for entry in entries]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        log(f"preparing the {noun} of the {label}")
        total = len(prepare(env))
        if total < 10:
            cr.rollback()
            return [{**entry, "available": False, "reason": f"{total} {noun}"} for entry in entries]
        warmup = min(FOLLOWUP_WARMUP, total // 10)
        run(env, warmup)
        first = max((total - warmup) // 10, 1)
        results = []
        for entry, batch in zip(entries, (first, total - warmup - first), strict=True):
            log(f"{label}: {batch} {noun}")
            sent, seconds, queries = _timed(env, lambda batch=batch: run(env, batch), cold=False)
            results.append(_batch(entry["key"], entry["label"], max(sent, 1), seconds, queries, sent=sent))
        cr.rollback()
    return results


def measure_resend(registry, size, server_url, installed):
    """The resend cron over the size's unpaid invoices (all of them, at
    most ``size.resend_invoices``)."""
    return _measure_followup(
        registry,
        installed,
        "resend",
        RESEND_LABEL,
        "unpaid invoices",
        lambda env: _prepare_resend(env, size, server_url),
        lambda env, batch: env["account.move"]._cron_followup_resend(batch_size=batch, auto_commit=False)["sent"],
    )


def _prepare_statements(env, size, server_url):
    """The customers of the run: the first ``size.statement_customers``
    with an open balance and an email, the others opted out; none sent yet
    this month; statements due today."""
    env.company.write({"invoice_statement_enabled": True, "invoice_statement_day": 1})
    env["ir.config_parameter"].set_param("report.url", server_url)
    env.flush_all()
    Statement = env["invoice.followup.statement"]
    period = datetime.date.today().replace(day=1)
    env.cr.execute("DELETE FROM invoice_followup_statement WHERE period = %s", [period])
    env.cr.execute("UPDATE res_partner SET invoice_statement_optout = FALSE")
    env.invalidate_all()
    candidates = Statement._statement_candidates(env.company, period)[: size.statement_customers]
    partner_ids = [candidate["partner_id"] for candidate in candidates]
    env.cr.execute(
        "UPDATE res_partner SET invoice_statement_optout = NOT (commercial_partner_id = ANY(%s))", [partner_ids]
    )
    env.invalidate_all()
    return partner_ids


def measure_statements(registry, size, server_url, installed):
    """The monthly statement run over the size's customers with an open
    balance (at most ``size.statement_customers``)."""
    return _measure_followup(
        registry,
        installed,
        "statements",
        STATEMENT_LABEL,
        "customers with an open balance",
        lambda env: _prepare_statements(env, size, server_url),
        lambda env, batch: env["invoice.followup.statement"]._cron_send_monthly_statements(
            batch_size=batch, auto_commit=False
        ),
    )


# recurring charges
# ----------------------------------------------------------------------


RECURRING_LABEL = "charge due recurring orders (cron, demo provider)"
POST_PROCESS_LABEL = "post-process recurring charges (confirm, invoice, pay, queue the mail)"
RECURRING_MAIL_LABEL = "send queued recurring charge invoices (PDF + mail, cron)"


def measure_recurring(registry, installed, server_url):
    """The recurring order cron's charge loop over every due recurring order
    (``_charge_due_orders``: lock, period order, transaction, payment by
    token, outcome), in two batches (``RECURRING_FIRST_BATCH`` charges,
    then the rest), counting apart the queries of the provider call
    (``payment.transaction._send_payment_request``, Odoo's and the
    provider's: the demo provider answers in process); then Odoo's
    post-processing of ``MAIL_SAMPLE`` of the charges and the Send & Print
    cron mailing their invoices. One transaction, rolled back."""
    empty = {"runs": [], "post_process": None, "mail": None}
    if "recurring_order" not in installed:
        return {**empty, "available": False, "reason": NOT_INSTALLED}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Recurring = env["recurring.order"]
        today = datetime.date.today()
        due = Recurring.search_count([("state", "=", "active"), ("next_payment_date", "<=", today)])
        if not due:
            return {**empty, "available": False, "reason": "no due recurring order"}
        env["ir.config_parameter"].set_param("report.url", server_url)
        provider_queries = [0]
        Transaction = type(env["payment.transaction"])
        send = Transaction._send_payment_request

        def counted_send(tx):
            before = tx.env.cr.sql_log_count
            try:
                return send(tx)
            finally:
                provider_queries[0] += tx.env.cr.sql_log_count - before

        runs = []
        charged_all = Recurring
        with patch.object(Transaction, "_send_payment_request", counted_send):
            for limit in (min(RECURRING_FIRST_BATCH, due), due - min(RECURRING_FIRST_BATCH, due)):
                if not limit:
                    continue
                provider_queries[0] = 0
                (charged, _more), seconds, queries = _timed(
                    env, lambda limit=limit: Recurring._charge_due_orders(limit=limit, commit=False)
                )
                count = len(charged) or 1
                charged_all |= charged
                log(f"charged {len(charged)} recurring orders in {seconds:.1f}s, {queries / count:.1f} queries each")
                runs.append(
                    {
                        "count": len(charged),
                        "seconds": seconds,
                        "queries": queries,
                        "provider_queries": provider_queries[0],
                        "queries_per_charge": round(queries / count, 2),
                        "queries_per_charge_excluding_provider": round((queries - provider_queries[0]) / count, 2),
                        "seconds_per_charge": seconds / count,
                        "paid": len(charged.filtered(lambda record: record.state == "active")),
                    }
                )
        txs = charged_all.transaction_ids.filtered(lambda tx: tx.state == "done" and not tx.is_post_processed)
        sample = txs[:MAIL_SAMPLE]
        post_process = mail = None
        if sample:
            log(f"post-processing {len(sample)} recurring charges (orders confirmed, invoiced, paid, mail queued)")
            post_process = _run_batch(
                env, "recurring_post_process", POST_PROCESS_LABEL, len(sample), sample._finalize_post_processing
            )
            queued = sample.invoice_ids.filtered("send_and_print_values")
            if queued:
                log(f"sending the {len(queued)} queued invoices of the charges (Send & Print cron)")
                mail = _run_batch(
                    env,
                    "recurring_mail",
                    RECURRING_MAIL_LABEL,
                    len(queued),
                    lambda: env["account.move"]._cron_account_move_send(job_count=len(queued)),
                    cold=True,
                )
        cr.rollback()
    return {"available": True, "due": due, "runs": runs, "post_process": post_process, "mail": mail}


# ----------------------------------------------------------------------


def run(args, registry):
    started = time.monotonic()
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        data = fill.bench_data(env)
        if not data:
            raise RuntimeError(f"{args.db} is not filled: run scripts/bench without --measure-only")
        if not args.desk and fill.filled_size(env) == fill.desk_size(args.size):
            raise RuntimeError(f"{args.db} holds the Orders and Sales desk only: measure it with --desk")
    if not args.desk:
        data = fill.ensure_crowd(registry, args.size_profile, data)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        modules = {page.module for page in scenarios.PAGES} | {
            "revenue_share",
            "expert_platform",
            "invoice_followup",
            "recurring_order",
        }
        modules |= {entry.module for entry in backend.LISTS} | {"sales_report"}
        installed = installed_modules(env, modules)
    if "sales_report" in installed:
        added = reports.ensure_online_payments(registry, api, SUPERUSER_ID)
        if added:
            log(f"gave {added} paid orders their online payment (the sales report's rows)")
    results = {
        "meta": {
            "size": data["size"] + (" (Orders and Sales desk only: --desk)" if args.desk else ""),
            "db": args.db,
            "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "runs": args.runs,
            "warmup": args.warmup,
            "workers": args.workers,
            "cpus": os.cpu_count(),
            "data": data.get("counts", {}),
            "modules": {name: name in installed for name in sorted(modules)},
        }
    }
    if args.desk:
        return _run_desk(args, data, installed, results, started)
    results["slots"] = measure_slots(registry, data, args)
    results["writes"] = measure_booking_anchor(registry, data, args)
    logfile = os.path.join(args.results_dir, f"odoo-{args.db}.log")
    os.makedirs(args.results_dir, exist_ok=True)
    with OdooServer(args, logfile) as server:
        results["pages"] = measure_pages(server, data, installed, args)
        results["backend_lists"] = backend.measure_lists(server, Client, data, installed, args, NOT_INSTALLED)
        results["reports"] = reports.measure_reports(server, Client, installed, args, NOT_INSTALLED)
        results["contention"] = measure_contention(server, registry, data)
        results["contention"]["crowd"] = measure_crowd(server, registry, data)
        cancel = measure_cancel(registry, args.size_profile, server.url)
        followup = [
            *measure_resend(registry, args.size_profile, server.url, installed),
            *measure_statements(registry, args.size_profile, server.url, installed),
        ]
        results["recurring"] = measure_recurring(registry, installed, server.url)
    recurring = [
        results["recurring"].get(name)
        or {
            "key": key,
            "label": label,
            "available": False,
            "reason": results["recurring"].get("reason") or "no charge done",
        }
        for name, key, label in (
            ("post_process", "recurring_post_process", POST_PROCESS_LABEL),
            ("mail", "recurring_mail", RECURRING_MAIL_LABEL),
        )
    ]
    results["batches"] = [*cancel, measure_settle(registry, installed), *followup, *recurring]
    if args.nodes > 1:
        from . import nodes  # pylint: disable=import-outside-toplevel

        results["nodes"] = nodes.run(args, registry, data, installed)
    results["targets"] = scenarios.evaluate_targets(results)
    results["meta"]["seconds"] = round(time.monotonic() - started)
    return results


def _run_desk(args, data, installed, results, started):
    """``--desk``: the Orders and Sales lists and the reports for a year,
    next to Odoo's order list and sales analysis pivot."""
    logfile = os.path.join(args.results_dir, f"odoo-{args.db}.log")
    os.makedirs(args.results_dir, exist_ok=True)
    with OdooServer(args, logfile) as server:
        results["backend_lists"] = backend.measure_lists(server, Client, data, installed, args, NOT_INSTALLED)
        results["reports"] = reports.measure_reports(server, Client, installed, args, NOT_INSTALLED)
    results["targets"] = scenarios.evaluate_targets(results)
    results["meta"]["seconds"] = round(time.monotonic() - started)
    return results
