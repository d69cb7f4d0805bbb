"""The scripts' contract, without running Odoo."""

import configparser
import os
import pathlib
import stat
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


def _write_conf(tmp_path, env=None):
    """Run _common.sh's ep_write_conf on the repository's odoo.conf with the
    generated files in tmp_path; returns (process, options Odoo reads)."""
    script = (
        f'. "{REPO}/scripts/_common.sh"; EP_RUN_CONF="{tmp_path}/odoo.conf"; '
        f'EP_ADMIN_PASSWD_FILE="{tmp_path}/admin_passwd"; ep_write_conf'
    )
    environ = {key: value for key, value in os.environ.items() if key != "ODOO_ADMIN_PASSWD"}
    result = subprocess.run(
        ["bash", "-c", script], env={**environ, **(env or {})}, capture_output=True, text=True, timeout=30
    )
    parser = configparser.RawConfigParser()
    parser.read(tmp_path / "odoo.conf")
    return result, parser["options"] if parser.has_section("options") else {}


def test_master_password_generated_once_and_printed_once(tmp_path):
    first, options = _write_conf(tmp_path)
    assert first.returncode == 0, first.stderr
    passwd = (tmp_path / "admin_passwd").read_text().strip()
    assert len(passwd) >= 24
    assert options["admin_passwd"] == passwd
    assert passwd in first.stderr, "the generated password is printed when it is created"
    assert passwd not in first.stdout
    for path in (tmp_path / "admin_passwd", tmp_path / "odoo.conf"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    # every other option is odoo.conf's
    committed = configparser.RawConfigParser()
    committed.read(REPO / "odoo.conf")
    for key, value in committed["options"].items():
        if key != "admin_passwd":
            assert options[key] == value, key
    assert options["list_db"] == "False"

    second, options = _write_conf(tmp_path)
    assert second.returncode == 0, second.stderr
    assert options["admin_passwd"] == passwd, "the password is kept"
    assert passwd not in second.stderr, "printed once only"

    other = tmp_path / "other"
    other.mkdir()
    _result, options = _write_conf(other)
    assert options["admin_passwd"] != passwd, "each installation has its own"


def test_master_password_from_the_environment(tmp_path):
    result, options = _write_conf(tmp_path, {"ODOO_ADMIN_PASSWD": "s3cret \\ with; spaces"})
    assert result.returncode == 0, result.stderr
    assert options["admin_passwd"] == "s3cret \\ with; spaces"
    assert not (tmp_path / "admin_passwd").exists(), "nothing generated when the environment gives one"
    assert "s3cret" not in result.stderr


def test_every_odoo_start_reads_the_written_conf():
    common = (REPO / "scripts/_common.sh").read_text()
    assert '-c "$EP_RUN_CONF"' in common
    assert '-c "$EP_CONF"' not in common
    assert ".local/" in (REPO / ".gitignore").read_text()
