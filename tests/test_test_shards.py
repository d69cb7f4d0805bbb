"""scripts/_test_shards.py splits the modules' tests of scripts/test over
several Odoo processes: check the split and the times it reads from logs."""

import importlib.util
import os
import pathlib

REPO = pathlib.Path(__file__).resolve().parent.parent

spec = importlib.util.spec_from_file_location("_test_shards", REPO / "scripts" / "_test_shards.py")
shards = importlib.util.module_from_spec(spec)
spec.loader.exec_module(shards)


def line(time, module, test):
    return (
        f"2026-12-01 {time},000 9137 INFO ep_test_1 odoo.addons.{module}.tests.test_x: "
        f"Starting TestX.{test} ... \n"
    )


def test_measured_seconds_sum_each_module_and_ignore_frozen_clocks():
    lines = [
        line("10:00:00", "a", "test_1"),
        line("10:00:10", "b", "test_1"),
        # a test under freezegun logs a date of its frozen clock
        "2027-06-01 09:00:00,000 9137 INFO ep_test_1 odoo.addons.b.tests.test_x: frozen\n",
        "2020-01-01 09:00:00,000 9137 INFO ep_test_1 odoo.addons.b.tests.test_x: frozen\n",
        line("10:00:40", "a", "test_2"),
        "2026-12-01 10:00:45,000 9137 INFO ep_test_1 odoo.tests.result: 0 failed, 0 error(s) of 3 tests\n",
    ]
    assert shards.measured_seconds(lines) == {"a": 15.0, "b": 30.0}


def test_plan_balances_the_heaviest_first():
    weights = {"a": 100, "b": 60, "c": 50, "d": 10}
    groups, loads = shards.plan(list(weights), 2, weights)
    assert groups == [["a", "d"], ["b", "c"]]
    assert loads == [110, 110]


def test_plan_never_makes_empty_groups():
    groups, _loads = shards.plan(["a"], 4, {"a": 1})
    assert groups == [["a"]]


def test_newest_complete_log_wins_and_partial_logs_are_ignored(tmp_path):
    old = tmp_path / "odoo-1.log"
    old.write_text(line("10:00:00", "a", "t") + line("10:01:00", "a", "t") + "x tests when loading database y\n")
    partial = tmp_path / "odoo-2.log"
    partial.write_text(line("10:00:00", "a", "t") + line("10:00:01", "a", "t"))
    os.utime(old, (1, 1))
    assert shards.newest_measures(tmp_path, {"a"}) == {"a": 60.0}


def test_estimate_counts_tests_and_tours(tmp_path):
    tests = tmp_path / "addons" / "m" / "tests"
    tests.mkdir(parents=True)
    (tests / "test_ui.py").write_text("def test_a():\n    start_tour('/', 'x')\n\ndef test_b():\n    pass\n")
    assert shards.estimate(tmp_path, "m") == 2 * shards.ESTIMATE_TEST + shards.ESTIMATE_TOUR
    assert shards.estimate(tmp_path, "missing") == shards.ESTIMATE_TEST
