"""``scripts/bench --nodes N``: the suite on N Odoo nodes sharing one
database, as ``docker compose --profile scale`` runs it (docs/deploy.md).

On a copy of the benchmark database (``<db>_nodes``, dropped at the end:
the crons commit what they do), N ``odoo-bin`` servers on their own ports:

- the race clients, spread over the nodes, POST the same slot at once:
  exactly one booking;
- work is queued for the crons (due recurring orders are in the fill; late
  cancellations queue penalty invoice mails; unpaid invoices due for a
  reminder; the previous month's share lines), then each node's cron
  worker (``cronrun``, one process per node) runs the revenue share,
  recurring charge, invoice follow-up and Send & Print crons at the same
  moment as the others';
- afterwards, what was done is counted, and what was done twice: charges of
  one period, settlements of one expert and period, mails of one record
  with one subject.
"""

import copy
import datetime
import json
import os
import shutil
import subprocess
import sys
from contextlib import ExitStack, closing
from datetime import timedelta

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

from . import measure

CRONS = (
    # module, cron
    ("revenue_share", "revenue_share.ir_cron_settle_previous_month"),
    ("revenue_share", "revenue_share.ir_cron_send_payouts"),
    ("recurring_order", "recurring_order.ir_cron_charge_due"),
    ("invoice_followup", "invoice_followup.ir_cron_invoice_resend"),
    ("invoice_followup", "invoice_followup.ir_cron_monthly_statement"),
    ("account", "account.ir_cron_account_move_send"),
)
LATE_CANCELLATIONS = 20  # penalty invoices queued for Send & Print
READY_TIMEOUT = 300


def _admin_cursor():
    """An autocommit cursor on the ``postgres`` database (CREATE / DROP
    DATABASE run outside a transaction)."""
    import odoo  # pylint: disable=import-outside-toplevel

    cr = odoo.sql_db.db_connect("postgres").cursor()
    cr._cnx.autocommit = True  # pylint: disable=protected-access
    return closing(cr)


def _copy_database(source, target):
    """``target``: a copy of ``source`` and its filestore (as Odoo's
    database manager duplicates one, closed here by list_db = False); an
    older copy is dropped first."""
    import odoo  # pylint: disable=import-outside-toplevel

    _drop_database(target)
    odoo.sql_db.close_db(source)
    with _admin_cursor() as cr:
        cr.execute(SQL("CREATE DATABASE %s TEMPLATE %s", SQL.identifier(target), SQL.identifier(source)))
    filestore = odoo.tools.config.filestore(source)
    if os.path.isdir(filestore):
        shutil.copytree(filestore, odoo.tools.config.filestore(target))


def _drop_database(name):
    import odoo  # pylint: disable=import-outside-toplevel

    odoo.modules.registry.Registry.delete(name)
    odoo.sql_db.close_db(name)
    with _admin_cursor() as cr:
        cr.execute(SQL("DROP DATABASE IF EXISTS %s", SQL.identifier(name)))
    shutil.rmtree(odoo.tools.config.filestore(name), ignore_errors=True)


def _prepare(registry, args, data, installed, server_url):
    """Queue the crons' work in the copy (committed)."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["ir.config_parameter"].set_param("report.url", server_url)
        now = datetime.datetime.now()
        # late cancellations: penalty invoices posted, their mails queued
        race_lines = [client["line"] for client in data["race"]["clients"]]
        bookings = env["session.booking"].search(
            [
                ("state", "=", "booked"),
                ("start", ">", now + timedelta(hours=1)),
                ("sale_line_id", "not in", race_lines),
            ],
            order="start",
            limit=LATE_CANCELLATIONS,
        )
        cr.execute("UPDATE session_cancellation_policy SET late_window_hours = %s", [24 * 365])
        env.invalidate_all()
        bookings._cancel("client", "Benchmark: several nodes")
        queued = len(env["account.move"].search([("send_and_print_values", "!=", False)]))
        if "invoice_followup" in installed:
            measure._prepare_resend(env, args.size_profile, server_url)
            measure._prepare_statements(env, args.size_profile, server_url)
    return {"late_cancellations": len(bookings), "queued_invoice_mails": queued}


def _race(servers, registry, data):
    """The race clients, client i on node i mod N, all on one slot."""
    race = data["race"]["clients"]
    measure._race_cleanup(registry, data)
    slots = measure._race_slots(registry, data, 1)
    if not slots:
        return {"available": False, "reason": "no free slot"}
    clients, forms = [], []
    for index, info in enumerate(race):
        node_clients, node_forms = measure._login_forms(servers[index % len(servers)], [info])
        clients += node_clients
        forms += node_forms
    stamp = slots[0].strftime("%Y-%m-%d %H:%M:%S")
    measure.log(f"{len(clients)} clients on {len(servers)} nodes booking the same slot {stamp} UTC")
    responses, seconds, latencies = measure._post_all(
        clients, [(path, {"csrf_token": token, "start": stamp}) for path, token in forms]
    )
    outcome = measure._outcome(responses, seconds, latencies)
    with registry.cursor() as cr:
        cr.execute(
            "SELECT COUNT(*) FROM session_booking WHERE expert_id = %s AND start = %s AND state = 'booked'",
            [data["race"]["expert"], slots[0]],
        )
        outcome["in_database"] = cr.fetchone()[0]
    outcome["nodes"] = len(servers)
    measure._race_cleanup(registry, data)
    return outcome


def _run_crons(args, db_name, crons, count):
    """Each node's cron worker runs ``crons`` at the same moment; returns
    the outcomes per node."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    command = [sys.executable, "-m", "_bench.cronrun", "--db", db_name, "--crons", ",".join(crons), "--"]
    with ExitStack() as stack:
        workers = []
        for _node in range(count):
            process = subprocess.Popen(  # pylint: disable=consider-using-with
                [*command, *args.odoo_args],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=env,
            )
            stack.callback(process.kill)
            workers.append(process)
        for process in workers:
            line = process.stdout.readline()
            if line.strip() != "ready":
                raise RuntimeError(f"a cron worker did not start (said {line!r})")
        measure.log(f"running {len(crons)} crons on {count} nodes at once")
        for process in workers:
            process.stdin.write("go\n")
            process.stdin.flush()
        outcomes = []
        for process in workers:
            lines = process.stdout.read().splitlines()
            process.wait(timeout=READY_TIMEOUT)
            outcomes.append([json.loads(line) for line in lines if line.startswith("{")])
    return outcomes


def _duplicates(cr, query, params=()):
    """(records, records done more than once) of a grouped count query."""
    cr.execute(f"SELECT COUNT(*), COALESCE(SUM(n - 1), 0) FROM ({query}) AS grouped", params)
    total, extra = cr.fetchone()
    return {"count": int(total), "twice": int(extra)}


def _count_effects(registry, since, installed):
    """What the crons did since ``since`` and how much of it twice."""
    effects = {}
    with registry.cursor() as cr:
        if "recurring_order" in installed:
            effects["recurring charges (periods charged)"] = _duplicates(
                cr,
                """SELECT recurring_order_id, recurring_billing_date, COUNT(*) AS n
                     FROM payment_transaction
                    WHERE recurring_order_id IS NOT NULL AND state NOT IN ('cancel', 'error')
                    GROUP BY 1, 2
                   HAVING MAX(create_date) >= %s""",
                [since],
            )
        if "revenue_share" in installed:
            effects["settlements (expert and period)"] = _duplicates(
                cr,
                """SELECT expert_id, company_id, date_from, date_to, COUNT(*) AS n
                     FROM revenue_share_settlement
                    WHERE state != 'cancel'
                    GROUP BY 1, 2, 3, 4
                   HAVING MAX(create_date) >= %s""",
                [since],
            )
        effects["mails (record and subject)"] = _duplicates(
            cr,
            """SELECT model, res_id, subject, COUNT(*) AS n
                 FROM mail_message
                WHERE create_date >= %s AND message_type IN ('comment', 'email', 'email_outgoing')
                  AND model IN ('account.move', 'invoice.followup.statement', 'recurring.order',
                                'revenue.share.settlement', 'sale.order')
                  AND subject IS NOT NULL
                GROUP BY 1, 2, 3""",
            [since],
        )
        if "invoice_followup" in installed:
            effects["statements (customer and month)"] = _duplicates(
                cr,
                """SELECT partner_id, company_id, period, COUNT(*) AS n
                     FROM invoice_followup_statement
                    WHERE create_date >= %s
                    GROUP BY 1, 2, 3""",
                [since],
            )
        cr.execute(
            "SELECT COUNT(*) FROM account_move WHERE send_and_print_values IS NOT NULL",
        )
        effects["invoice mails still queued"] = {"count": cr.fetchone()[0], "twice": 0}
    return effects


def run(args, registry, data, installed):
    """The multi-node proof; returns its results (see module docstring)."""
    import odoo  # pylint: disable=import-outside-toplevel

    target = f"{args.db}_nodes"
    measure.log(f"copying {args.db} to {target} (the crons commit there)")
    _copy_database(args.db, target)
    node_args = copy.copy(args)
    node_args.db = target
    results = {"nodes": args.nodes, "db": target}
    os.makedirs(args.results_dir, exist_ok=True)
    try:
        copy_registry = odoo.modules.registry.Registry(target)
        with ExitStack() as stack:
            servers = []
            for node in range(args.nodes):
                logfile = os.path.join(args.results_dir, f"odoo-{target}-{node + 1}.log")
                servers.append(stack.enter_context(measure.OdooServer(node_args, logfile)))
            results["race"] = _race(servers, copy_registry, data)
            results["prepared"] = _prepare(copy_registry, args, data, installed, servers[0].url)
            since = datetime.datetime.now() - timedelta(seconds=1)
            crons = [xmlid for module, xmlid in CRONS if module in installed]
            results["crons"] = _run_crons(args, target, crons, args.nodes)
            results["effects"] = _count_effects(copy_registry, since, installed)
    finally:
        _drop_database(target)
    return results
