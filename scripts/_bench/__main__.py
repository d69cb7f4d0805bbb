"""Entry point: ``python -m _bench [options] -- <odoo options>`` (see cli.py)."""

import datetime
import logging
import os
import pathlib
import sys
import time

from .cli import parse_args
from .report import render_json, render_markdown

_logger = logging.getLogger("bench")


def _open_registry(args):
    import odoo  # pylint: disable=import-outside-toplevel
    from odoo.tools import config  # pylint: disable=import-outside-toplevel

    config.parse_config([*args.odoo_args, "-d", args.db, "--log-level=warn", "--no-http"])
    return odoo.modules.registry.Registry(args.db)


def _fill(args, registry):
    from odoo import SUPERUSER_ID, api  # pylint: disable=import-outside-toplevel

    from . import fill  # pylint: disable=import-outside-toplevel

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        filled = fill.filled_size(env)
    # a full fill holds what the desk reads too
    reusable = {args.size, fill.desk_size(args.size)} if args.desk else {args.size}
    if filled in reusable:
        sys.stderr.write(f"[bench] reusing {args.db}, filled at size {filled} (--reset to fill it again)\n")
        return
    if filled:
        sys.stderr.write(
            f"[bench] ERROR: {args.db} holds data of another or an interrupted fill ({filled}): "
            "run scripts/bench with --reset (or choose another --db)\n"
        )
        sys.exit(1)
    sys.stderr.write(f"[bench] filling {args.db} at size {args.size}: {args.size_profile.as_dict()}\n")
    started = time.monotonic()
    data = fill.Filler(registry, args.size_profile).run(desk=args.desk)
    sys.stderr.write(f"[bench] filled in {time.monotonic() - started:.0f}s: {data.get('counts')}\n")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    registry = _open_registry(args)
    if not args.measure_only:
        _fill(args, registry)
    if args.fill_only:
        return 0
    from . import measure  # pylint: disable=import-outside-toplevel

    results = measure.run(args, registry)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = pathlib.Path(args.results_dir)
    out.mkdir(parents=True, exist_ok=True)
    markdown = render_markdown(results)
    (out / f"{stamp}-{args.size}.md").write_text(markdown)
    (out / f"{stamp}-{args.size}.json").write_text(render_json(results))
    sys.stdout.write(markdown)
    sys.stderr.write(f"[bench] results: {out / f'{stamp}-{args.size}'}.md and .json\n")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
