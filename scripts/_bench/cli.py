"""Command line of ``python -m _bench`` (no Odoo needed)."""

import argparse

from .sizes import SIZES

DESCRIPTION = """Fill a benchmark database through Odoo's ORM, then measure the
suite's portal pages, slot planner, booking under contention, late
cancellations and settlements against stock Odoo pages on the same data.
Run it through scripts/bench, which passes the Odoo options after "--"."""


def build_parser():
    parser = argparse.ArgumentParser(prog="scripts/bench", description=DESCRIPTION)
    parser.add_argument("--size", choices=sorted(SIZES), default="small", help="data size (default: small)")
    parser.add_argument("--db", help="database name (default: ep_bench_<size>)")
    parser.add_argument("--runs", type=_positive_int, default=10, help="measured runs per page (default: 10)")
    parser.add_argument("--warmup", type=_non_negative_int, default=2, help="unmeasured runs first (default: 2)")
    parser.add_argument("--results-dir", default="bench-results", help="where the .md and .json go")
    parser.add_argument("--odoo-bin", help="odoo-bin to start the measured server with")
    parser.add_argument("--workers", type=_positive_int, default=2, help="workers of the measured server (default: 2)")
    parser.add_argument(
        "--nodes",
        type=_positive_int,
        default=1,
        help="also prove the suite on this many Odoo nodes sharing the database (default: 1, no proof)",
    )
    parser.add_argument(
        "--desk",
        action="store_true",
        help="only the Orders and Sales desk: fill experts, clients and paid orders, measure the backend lists "
        "and the reports for a year",
    )
    steps = parser.add_mutually_exclusive_group()
    steps.add_argument("--fill-only", action="store_true", help="fill the database, measure nothing")
    steps.add_argument("--measure-only", action="store_true", help="measure an already filled database")
    parser.add_argument("odoo_args", nargs="*", help="Odoo options (configuration, addons path, database server)")
    return parser


def _positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive integer")
    return value


def _non_negative_int(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative")
    return value


def parse_args(argv):
    """Parsed options; ``db`` defaults to ``ep_bench_<size>``."""
    args = build_parser().parse_args(argv)
    if not args.db:
        args.db = f"ep_bench_{args.size}"
    args.size_profile = SIZES[args.size]
    return args
