"""Read Odoo's werkzeug access lines (no Odoo needed).

With Odoo's log format, each HTTP request logs one line such as::

    2026-11-23 18:00:00,123 4242 INFO ep_bench_small werkzeug: 127.0.0.1 - - \
[23/Nov/2026 18:00:00] "GET /my/orders HTTP/1.1" 200 - 45 0.031 0.120

whose last three fields come from ``odoo.netsvc.PerfFilter``: the number of
SQL queries of the request, the time spent in them and the remaining time
(seconds). They are ``- - -`` when the request ran no Odoo code.
"""

import re
from dataclasses import dataclass

ACCESS_RE = re.compile(
    r"""\swerkzeug:\s.*?"(?P<method>[A-Z]+)\s(?P<path>\S+)\s[^"]*"\s(?P<status>\d{3})\s\S+"""
    r"""\s(?P<queries>\d+|-)\s(?P<query_time>[\d.]+|-)\s(?P<remaining>[\d.]+|-)\s*$"""
)
# ANSI colours of a log written to a terminal
ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class AccessLine:
    method: str
    path: str
    status: int
    queries: int | None
    query_time: float | None
    remaining_time: float | None

    @property
    def server_time(self):
        """Seconds the server spent on the request (SQL + the rest)."""
        if self.query_time is None or self.remaining_time is None:
            return None
        return self.query_time + self.remaining_time


def _number(text, kind):
    return None if text == "-" else kind(text)


def parse_access_line(line):
    """The AccessLine of one log line, or None if it is no werkzeug access line."""
    match = ACCESS_RE.search(ANSI_RE.sub("", line.rstrip("\n")))
    if not match:
        return None
    return AccessLine(
        method=match["method"],
        path=match["path"],
        status=int(match["status"]),
        queries=_number(match["queries"], int),
        query_time=_number(match["query_time"], float),
        remaining_time=_number(match["remaining"], float),
    )


def access_lines(lines):
    """The AccessLines of an iterable of log lines, in order."""
    return [parsed for parsed in map(parse_access_line, lines) if parsed]


def find_request(lines, method, path):
    """The last access line of ``method path`` (query string included) in ``lines``."""
    for parsed in reversed(access_lines(lines)):
        if parsed.method == method and parsed.path == path:
            return parsed
    return None
