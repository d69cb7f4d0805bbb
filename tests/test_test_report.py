"""scripts/_test_report.py reads Odoo 17 test logs: check it on the lines Odoo
17 writes (copied from real runs of scripts/test)."""

import importlib.util
import pathlib
import textwrap

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent


spec = importlib.util.spec_from_file_location("_test_report", REPO / "scripts" / "_test_report.py")
report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(report)

PREFIX = "2026-11-22 14:11:31,963 9137"
DB = "ep_test_1"


def log(*entries):
    """Odoo log lines from (level, logger, message) tuples."""
    return [f"{PREFIX} {level} {DB} {logger}: {message} \n" for level, logger, message in entries]


TEST_LOGGER = "odoo.addons.session_booking.tests.test_booking"
REPORT_LOGGER = "odoo.tests.result"


def counts(lines):
    return report.odoo_counts(report.parse_odoo_log(lines))


def test_all_passed():
    lines = log(
        ("INFO", TEST_LOGGER, "Starting TestBooking.test_book ..."),
        ("INFO", TEST_LOGGER, "Starting TestBooking.test_cancel ..."),
        ("INFO", "odoo.service.server", "2 post-tests in 3.20s, 301 queries"),
        ("INFO", REPORT_LOGGER, f"0 failed, 0 error(s) of 2 tests when loading database '{DB}'"),
    )
    assert counts(lines) == (2, 0, 0, 0)
    assert report.parse_odoo_log(lines)["started"] == {"session_booking": 2}


def test_failure_and_error_count_as_failed_and_summaries_are_not_extra_errors():
    lines = log(
        ("INFO", TEST_LOGGER, "Starting TestBooking.test_book ..."),
        ("ERROR", TEST_LOGGER, "FAIL: TestBooking.test_book"),
        ("ERROR", TEST_LOGGER, "ERROR: TestBooking.test_cancel"),
        ("ERROR", "odoo.modules.loading", "Module session_booking: 1 failures, 1 errors of 5 tests"),
        ("ERROR", "odoo.modules.loading", "At least one test failed when loading the modules."),
        ("ERROR", REPORT_LOGGER, f"1 failed, 1 error(s) of 5 tests when loading database '{DB}'"),
    )
    assert counts(lines) == (3, 2, 0, 0)


def test_skipped_tests_are_counted_and_not_passed():
    lines = log(
        ("INFO", TEST_LOGGER, "skipped TestUi.test_tour : websocket-client module is not installed"),
        ("INFO", TEST_LOGGER, "skipped TestUi.test_portal : Chrome executable not found"),
        ("INFO", REPORT_LOGGER, f"0 failed, 0 error(s) of 4 tests when loading database '{DB}'"),
    )
    assert counts(lines) == (2, 0, 2, 0)


def test_class_level_skip_and_error():
    holder = "setUpClass (odoo.addons.session_booking.tests.test_ui.TestUi)"
    lines = log(
        ("INFO", TEST_LOGGER, "Starting TestBooking.test_book ..."),
        ("INFO", "odoo.tests.suite", f"skipped {holder} : Chrome executable not found"),
        ("ERROR", "odoo.tests.suite", "ERROR: setUpClass (odoo.addons.session_booking.tests.test_x.TestX)"),
        ("ERROR", REPORT_LOGGER, f"0 failed, 1 error(s) of 1 tests when loading database '{DB}'"),
    )
    result = report.parse_odoo_log(lines)
    assert result["skips"][0][:2] == (holder, "Chrome executable not found")
    assert len(result["failures"]) == 1
    assert counts(lines) == (0, 1, 1, 0)


def test_error_outside_tests_fails_the_run():
    lines = log(
        ("ERROR", "odoo.modules.registry", "Failed to load registry"),
        ("CRITICAL", "odoo.service.server", "Failed to initialize database `ep_test_1`."),
        ("INFO", REPORT_LOGGER, f"0 failed, 0 error(s) of 0 tests when loading database '{DB}'"),
    )
    passed, failed, skipped, problems = counts(lines)
    assert (passed, skipped, problems) == (0, 0, 2)
    assert failed == 2


def test_missing_report_is_a_problem():
    lines = log(("INFO", TEST_LOGGER, "Starting TestBooking.test_book ..."))
    assert counts(lines)[3] == 1
    assert counts(lines)[1] == 1


def test_tracebacks_and_colors_are_tolerated():
    lines = [
        f"{PREFIX} \x1b[1;31m\x1b[1;49mERROR\x1b[0m {DB} {TEST_LOGGER}: FAIL: TestBooking.test_book\n",
        "Traceback (most recent call last):\n",
        "AssertionError: 1 != 2\n",
        f"{PREFIX} ERROR {DB} {REPORT_LOGGER}: 1 failed, 0 error(s) of 1 tests when loading database '{DB}'\n",
    ]
    assert counts(lines) == (0, 1, 0, 0)


def test_junit(tmp_path):
    xml = tmp_path / "report.xml"
    xml.write_text(
        textwrap.dedent(
            """\
            <?xml version="1.0" encoding="utf-8"?>
            <testsuites><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="6">
            <testcase classname="tests.test_a" name="test_ok"/>
            <testcase classname="tests.test_a" name="test_bad"><failure message="boom"/></testcase>
            </testsuite></testsuites>
            """
        )
    )
    assert report.report_junit(xml)[0] == (3, 2, 1, 0)


@pytest.mark.parametrize("kind", ["odoo", "junit"])
def test_cli_writes_counts(tmp_path, kind):
    source = tmp_path / "source"
    if kind == "odoo":
        source.write_text(
            "".join(log(("INFO", REPORT_LOGGER, f"0 failed, 0 error(s) of 3 tests when loading database '{DB}'")))
        )
    else:
        source.write_text('<testsuite tests="3" failures="0" errors="0" skipped="0"></testsuite>')
    out = tmp_path / "counts"
    assert report.main([kind, str(source), "--counts", str(out)]) == 0
    assert out.read_text() == "3 0 0 0\n"
