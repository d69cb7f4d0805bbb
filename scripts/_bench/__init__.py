"""scripts/bench: fill a benchmark database and measure the suite against
stock Odoo on it. ``python -m _bench --help`` (scripts/bench runs it)."""
