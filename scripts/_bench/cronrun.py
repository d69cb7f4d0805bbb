"""One node's cron worker for ``scripts/bench --nodes``:
``python -m _bench.cronrun --db NAME --crons XMLID,... -- <odoo options>``.

Loads the registry, prints ``ready``, waits for a line on stdin (all the
nodes' workers are released together), then runs each cron's server
action as Odoo's cron worker does (``ir.cron._callback``: its own cursor,
the cron's user), without the job-row lock that keeps Odoo from running
one job on two nodes at once: the crons' own guards are what is tested.
Prints one JSON line per cron: ``{"cron", "ok", "error", "seconds"}``.
"""

import argparse
import json
import sys
import time


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m _bench.cronrun")
    parser.add_argument("--db", required=True)
    parser.add_argument("--crons", required=True, help="comma-separated cron XML ids")
    parser.add_argument("odoo_args", nargs="*")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    import odoo  # pylint: disable=import-outside-toplevel
    from odoo import SUPERUSER_ID, api  # pylint: disable=import-outside-toplevel
    from odoo.tools import config  # pylint: disable=import-outside-toplevel

    config.parse_config([*args.odoo_args, "-d", args.db, "--log-level=warn", "--no-http"])
    registry = odoo.modules.registry.Registry(args.db)
    jobs = []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        for xmlid in args.crons.split(","):
            cron = env.ref(xmlid)
            jobs.append((xmlid, cron.user_id.id, cron.ir_actions_server_id.id))
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    sys.stdin.readline()
    for xmlid, uid, action_id in jobs:
        started = time.perf_counter()
        outcome = {"cron": xmlid, "ok": True, "error": None}
        try:
            with registry.cursor() as cr:
                env = api.Environment(cr, uid, {"lastcall": False})
                env["ir.actions.server"].browse(action_id).run()
                env.flush_all()
        except Exception as error:  # pylint: disable=broad-except
            # as Odoo's cron worker: the job's transaction is rolled back,
            # the next run tries again
            outcome.update(ok=False, error=f"{type(error).__name__}: {str(error).splitlines()[0][:200]}")
        outcome["seconds"] = round(time.perf_counter() - started, 2)
        sys.stdout.write(json.dumps(outcome) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
