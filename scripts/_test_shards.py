"""Split the modules whose tests scripts/test runs into N balanced groups.

Each group runs in its own Odoo process on its own database (every module
installed, only the group's tests tagged), so the groups run side by side.
A module's weight is the seconds its tests took in the newest complete log
of .local/test-logs that ran them; a module without a measure (fresh clone,
new module) is estimated from its tests: a test method costs about
ESTIMATE_TEST seconds, a browser tour ESTIMATE_TOUR more. The heaviest
modules are placed first, each on the lightest group (LPT scheduling).

    _test_shards.py --jobs 2 --repo . --logs .local/test-logs m1,m2,... -> one line per group
"""

import argparse
import datetime
import pathlib
import re
import sys

ESTIMATE_TEST = 3.0
ESTIMATE_TOUR = 20.0
TIME_RE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+) ")
START_RE = re.compile(r" odoo\.addons\.(\w+)\.tests\.\S+: Starting \S+ \.\.\.")
TEST_RE = re.compile(r"^\s*def test_", re.M)
TOUR_RE = re.compile(r"\b(start_tour|browser_js)\(")


def measured_seconds(lines):
    """Seconds of test run per module in one Odoo log: the wall time from a
    test's start to the next one's, summed per module. Frozen clocks
    (freezegun) print other dates: time only moves forward here."""
    seconds, last, current, now = {}, None, None, None
    for line in lines:
        m = TIME_RE.match(line)
        if not m:
            continue
        t = datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f")
        if now is None or t > now:
            if now is not None and t - now > datetime.timedelta(hours=1):
                continue  # a frozen clock in the future
            now = t
        start = START_RE.search(line)
        if start:
            if current:
                seconds[current] = seconds.get(current, 0.0) + (now - last).total_seconds()
            current, last = start.group(1), now
    if current:
        seconds[current] = seconds.get(current, 0.0) + (now - last).total_seconds()
    return seconds


def newest_measures(log_dir, modules):
    """Per module, its seconds in the newest complete log that ran it."""
    found = {}
    logs = sorted(pathlib.Path(log_dir).glob("odoo-*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    for log in logs:
        with log.open(encoding="utf-8", errors="replace") as f:
            lines = f.readlines()
        if not any("tests when loading database" in line for line in lines[-50:]):
            continue  # stopped early: partial times
        for module, secs in measured_seconds(lines).items():
            if module in modules and module not in found:
                found[module] = secs
        if len(found) == len(modules):
            break
    return found


def estimate(repo, module):
    tests = pathlib.Path(repo, "addons", module, "tests")
    total = 0.0
    for path in tests.glob("*.py") if tests.is_dir() else ():
        text = path.read_text(encoding="utf-8", errors="replace")
        total += ESTIMATE_TEST * len(TEST_RE.findall(text)) + ESTIMATE_TOUR * len(TOUR_RE.findall(text))
    return total or ESTIMATE_TEST


def plan(modules, jobs, weights):
    jobs = max(1, min(jobs, len(modules)))
    groups = [[] for _ in range(jobs)]
    loads = [0.0] * jobs
    for module in sorted(modules, key=lambda m: (-weights[m], m)):
        i = loads.index(min(loads))
        groups[i].append(module)
        loads[i] += weights[module]
    return groups, loads


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", help="comma separated")
    parser.add_argument("--jobs", type=int, required=True)
    parser.add_argument("--repo", default=".")
    parser.add_argument("--logs", default=".local/test-logs")
    args = parser.parse_args(argv)
    modules = [m for m in args.modules.split(",") if m]
    weights = newest_measures(args.logs, set(modules))
    for module in modules:
        weights.setdefault(module, estimate(args.repo, module))
    groups, loads = plan(modules, args.jobs, weights)
    for group, load in zip(groups, loads, strict=True):
        sys.stdout.write(",".join(group) + "\n")
        sys.stderr.write(f"group {','.join(group)}: about {load:.0f} s of tests\n")


if __name__ == "__main__":
    main()
