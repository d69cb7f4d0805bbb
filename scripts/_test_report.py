"""Count test results for scripts/test.

Two sources:

``odoo LOGFILE``
    An Odoo 17 server log written with ``--test-enable --stop-after-init``.
    Lines look like ``<date> <time>,<ms> <pid> <LEVEL> <db> <logger>: <message>``.
    What is read:

    - the final report, logged by ``odoo.tests.result`` (level INFO, WARNING
      when no test ran, ERROR on failures)::

          0 failed, 0 error(s) of 153 tests when loading database 'ep_test_1'

      ``tests`` counts every test started, skipped ones included;
    - each skipped test, logged at INFO by the test's own module logger
      (``odoo.addons.<module>.tests.<file>``)::

          skipped TestClass.test_method : <reason>

      (for instance ``websocket-client module is not installed`` or
      ``Chrome executable not found`` for a browser tour);
    - each failing test, logged at ERROR by the test's logger as
      ``FAIL: TestClass.test_method`` or ``ERROR: TestClass.test_method``
      followed by the traceback;
    - each test start, ``Starting TestClass.test_method ...``, logged by the
      test's logger, to count tests per module;
    - every other ERROR or CRITICAL line (a failed install, a broken view, a
      tour's console error...), which fails the run too.

``junit XMLFILE``
    A pytest ``--junitxml`` report.

Both print a human report on stdout and, with ``--counts FILE``, write one
line ``<passed> <failed> <skipped> <problems>`` to FILE, where problems
counts reasons to fail that are not failed tests (error log lines, a missing
final report).
"""

import argparse
import re
import sys
import xml.etree.ElementTree as ET

ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")
LINE_RE = re.compile(
    r"^(?P<date>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+) (?P<pid>\d+) "
    r"(?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>[^\s:]+): (?P<msg>.*)$"
)
REPORT_RE = re.compile(
    r"^(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<tests>\d+) tests "
    r"when loading database '(?P<db>[^']*)'"
)
SKIP_RE = re.compile(r"^skipped (?P<test>.+?) : (?P<reason>.*)$")
FAIL_RE = re.compile(r"^(?P<kind>FAIL|ERROR): (?P<test>.+)")
# unittest reports a skip or an error of a class/module fixture on a holder
# named "setUpClass (odoo.addons.<module>.tests.<file>.<Class>)", logged by
# odoo.tests.suite; such a holder is not counted in the "tests" of the report.
HOLDER_RE = re.compile(r"^(setUpClass|tearDownClass|setUpModule|tearDownModule) \(")
START_RE = re.compile(r"^Starting (?P<test>\S+) \.\.\.$")
TEST_LOGGER_RE = re.compile(r"^odoo\.addons\.(?P<module>[^.]+)\.tests\.")

# ERROR lines that only summarise failures already counted as failed tests.
SUMMARY_ERRORS = (
    ("odoo.modules.loading", re.compile(r"^At least one test failed when loading")),
    ("odoo.modules.loading", re.compile(r"^Module \S+: \d+ failures, \d+ errors of \d+ tests$")),
    ("odoo.service.server", re.compile(r".*: at least one error occurred in a test$")),
    ("odoo.tests.result", REPORT_RE),
)


def _is_summary(logger, msg):
    return any(logger == name and rx.match(msg) for name, rx in SUMMARY_ERRORS)


def parse_odoo_log(lines):
    """Return a dict of what the Odoo log says about its tests."""
    result = {
        "reports": [],  # (failed, errors, tests, db)
        "skips": [],  # (test, reason, line)
        "failures": [],  # FAIL:/ERROR: lines
        "errors": [],  # other ERROR/CRITICAL lines
        "started": {},  # module -> number of tests started
        "warnings": [],
    }
    for raw in lines:
        line = ANSI_RE.sub("", raw).rstrip()
        m = LINE_RE.match(line)
        if not m:
            continue
        level, logger, msg = m["level"], m["logger"], m["msg"]
        if logger == "odoo.tests.result" and (r := REPORT_RE.match(msg)):
            result["reports"].append((int(r["failed"]), int(r["errors"]), int(r["tests"]), r["db"]))
            continue
        if level == "INFO" and START_RE.match(msg) and (t := TEST_LOGGER_RE.match(logger)):
            started = result["started"]
            started[t["module"]] = started.get(t["module"], 0) + 1
            continue
        if level == "INFO" and (s := SKIP_RE.match(msg)):
            result["skips"].append((s["test"], s["reason"], line))
            continue
        if level in ("ERROR", "CRITICAL"):
            if FAIL_RE.match(msg):
                result["failures"].append(line)
            elif not _is_summary(logger, msg):
                result["errors"].append(line)
        elif level == "WARNING":
            result["warnings"].append(line)
    return result


def odoo_counts(result):
    """(passed, failed, skipped, problems) from parse_odoo_log()."""
    failed = sum(r[0] + r[1] for r in result["reports"])
    run = sum(r[2] for r in result["reports"])
    skipped = len(result["skips"])
    # "tests" counts the skipped test methods but not a skipped or failed
    # setUpClass (reported once for the whole class): never go negative.
    skipped_methods = sum(1 for test, _reason, _line in result["skips"] if not HOLDER_RE.match(test))
    passed = max(run - failed - skipped_methods, 0)
    problems = len(result["errors"]) + (0 if result["reports"] else 1)
    if failed == 0:
        # Odoo's report missed them (it stopped early) or the run failed
        # outside any test (a broken install): still show failures.
        failed = len(result["failures"]) or problems
    return passed, failed, skipped, problems


def report_odoo(path, suite_modules=()):
    with open(path, encoding="utf-8", errors="replace") as f:
        result = parse_odoo_log(f)
    passed, failed, skipped, problems = odoo_counts(result)
    out = []
    for module, count in sorted(result["started"].items()):
        out.append(f"  {module}: {count} tests started")
    for failed_db, errors, tests, db in result["reports"]:
        out.append(f"  Odoo report: {failed_db} failed, {errors} error(s) of {tests} tests " f"(database {db})")
    if not result["reports"]:
        out.append("  Odoo did not log its test report " '("... tests when loading database ..."): it stopped early')
    if result["failures"]:
        out.append(f"  Failed tests ({len(result['failures'])}):")
        out.extend(f"    {line}" for line in result["failures"])
    if result["skips"]:
        out.append(f"  Skipped tests ({len(result['skips'])}), a failure here:")
        out.extend(f"    {test}: {reason}" for test, reason, _line in result["skips"])
    if result["errors"]:
        out.append(f"  ERROR/CRITICAL log lines ({len(result['errors'])}):")
        out.extend(f"    {line}" for line in result["errors"][:50])
        if len(result["errors"]) > 50:
            out.append(f"    ... and {len(result['errors']) - 50} more")
    prefixes = tuple(f"odoo.addons.{m}." for m in suite_modules)
    own_warnings = [w for w in result["warnings"] if prefixes and _logger_of(w).startswith(prefixes)]
    if own_warnings:
        out.append(f"  Warnings from the suite's modules ({len(own_warnings)}):")
        out.extend(f"    {line}" for line in own_warnings[:30])
    return (passed, failed, skipped, problems), out


def _logger_of(line):
    m = LINE_RE.match(line)
    return (m["logger"] + ".") if m else ""


def report_junit(path):
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    tests = failed = skipped = 0
    out = []
    for suite in suites:
        tests += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
        for case in suite.iter("testcase"):
            name = f"{case.get('classname')}::{case.get('name')}"
            for child in case:
                if child.tag in ("failure", "error"):
                    out.append(f"    {child.tag.upper()}: {name}: {child.get('message', '')}")
                elif child.tag == "skipped":
                    out.append(f"    SKIPPED: {name}: {child.get('message', '')}")
    passed = max(tests - failed - skipped, 0)
    return (passed, failed, skipped, 0), out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("odoo", "junit"))
    parser.add_argument("path")
    parser.add_argument("--counts", help="write '<passed> <failed> <skipped> <problems>' here")
    parser.add_argument("--modules", default="", help="suite modules, comma separated")
    args = parser.parse_args(argv)
    if args.kind == "odoo":
        modules = [m for m in args.modules.split(",") if m]
        counts, out = report_odoo(args.path, modules)
    else:
        counts, out = report_junit(args.path)
    if out:
        sys.stdout.write("\n".join(out) + "\n")
    if args.counts:
        with open(args.counts, "w", encoding="utf-8") as f:
            f.write(" ".join(str(c) for c in counts) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
