"""The scripts' contract, without running Odoo."""

import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent


SCRIPTS = ["scripts/setup", "scripts/run", "scripts/test", "scripts/docker-entrypoint.sh", ".ci/run"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_bash_strict_mode_and_syntax(script):
    path = REPO / script
    text = path.read_text()
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    assert os.access(path, os.X_OK), f"{script} is not executable"
    subprocess.run(["bash", "-n", str(path)], check=True)


@pytest.mark.parametrize("script", ["scripts/setup", "scripts/run", "scripts/test"])
def test_help_from_any_directory(script, tmp_path):
    result = subprocess.run(
        [str(REPO / script), "--help"], cwd=tmp_path, capture_output=True, text=True, check=True, timeout=30
    )
    assert result.stdout.startswith("Usage: ")


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci/run").read_text()
    commands = [line for line in ci.splitlines() if line and not line.startswith("#")]
    assert commands[-1] == "./scripts/test"
    assert "./scripts/test" in (REPO / "README.md").read_text()


def _addons_path(odoo_src):
    script = f'. "{REPO}/scripts/_common.sh"; ep_odoo_layout && echo "$EP_ODOO_BIN|$EP_ADDONS_PATH"'
    result = subprocess.run(
        ["bash", "-c", script],
        env={**os.environ, "ODOO_SRC": str(odoo_src)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    return result.returncode, result.stdout.strip()


def _fake_odoo(root, files):
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("")
    return root


def test_addons_path_of_a_git_checkout(tmp_path):
    src = _fake_odoo(
        tmp_path, ["odoo-bin", "odoo/release.py", "odoo/addons/base/__manifest__.py", "addons/web/__manifest__.py"]
    )
    assert _addons_path(src) == (0, f"{src}/odoo-bin|{REPO}/addons,{src}/addons,{src}/odoo/addons")


def test_addons_path_of_the_source_tarball(tmp_path):
    src = _fake_odoo(
        tmp_path,
        ["setup/odoo", "odoo/release.py", "odoo/addons/base/__manifest__.py", "odoo/addons/web/__manifest__.py"],
    )
    assert _addons_path(src) == (0, f"{src}/setup/odoo|{REPO}/addons,{src}/odoo/addons")


def test_no_odoo_source(tmp_path):
    assert _addons_path(tmp_path)[0] != 0
