"""Configuration shared by the scripts and docker compose, requirements and
manifests: checks that need no Odoo."""

import ast
import configparser
import pathlib
import re

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent


SUITE_ADDONS = REPO / "addons"


def _manifests():
    return {
        path.parent.name: ast.literal_eval(path.read_text()) for path in sorted(SUITE_ADDONS.glob("*/__manifest__.py"))
    }


def _requirements():
    pins = {}
    for line in (REPO / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name = re.split(r"[=<>!~;\[ ]", line, maxsplit=1)[0]
        pins[name.lower().replace("_", "-")] = line
    return pins


def test_odoo_conf_parses_with_the_options_both_users_need():
    parser = configparser.ConfigParser()
    assert parser.read(REPO / "odoo.conf")
    options = parser["options"]
    # the official image: addons mounted at /mnt/extra-addons, filestore volume
    assert options["addons_path"] == "/mnt/extra-addons"
    assert options["data_dir"] == "/var/lib/odoo"
    assert options["admin_passwd"]
    # demo data on: scripts/run and docker compose serve the demo
    assert options.get("without_demo", "False") in ("False", "false")
    # the database server comes from the environment of each user
    for key in ("db_host", "db_port", "db_user", "db_password", "db_name", "dbfilter"):
        assert key not in options, f"{key} in odoo.conf breaks scripts or docker compose"
    assert int(options.get("workers", "0")) == 0


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # passlib imports crypt
def test_odoo_conf_closes_the_database_manager():
    """Issue 13.9: no database list or manager for the public, no master
    password anybody knows (Odoo's default is "admin" when the option is
    missing, so the file carries the hash of a secret that was thrown away;
    the scripts and docker compose replace it)."""
    from passlib.context import CryptContext

    options = configparser.RawConfigParser()
    options.read(REPO / "odoo.conf")
    options = options["options"]
    assert options["list_db"] in ("False", "false")
    stored = options["admin_passwd"]
    assert stored.startswith("$pbkdf2-sha512$"), "a plain master password in a committed file is a known one"
    context = CryptContext(["pbkdf2_sha512"])
    for guess in ("admin", "odoo", "manager", "expert_platform", "password", ""):
        assert not context.verify(guess, stored), guess


def test_requirements_pin_the_suite_packages():
    pins = _requirements()
    for name in ("websocket-client", "stripe", "pylint-odoo", "ruff", "pytest", "pyyaml"):
        assert name in pins, f"{name} missing from requirements.txt"
        assert "==" in pins[name], f"{name} is not pinned: {pins[name]}"
    assert "odoo" not in pins, "Odoo runs from its source tree, it is not pip installed"


def test_there_are_suite_modules():
    assert "expert_platform" in _manifests()


@pytest.mark.parametrize("module", sorted(_manifests()))
def test_manifest(module):
    manifest = _manifests()[module]
    assert re.fullmatch(r"17\.0\.\d+\.\d+\.\d+", manifest.get("version", "")), manifest.get("version")
    assert manifest.get("license") in ("LGPL-3", "AGPL-3", "GPL-3", "OPL-1", "OEEL-1")
    assert manifest.get("name")
    assert isinstance(manifest.get("depends", []), list)
    assert (SUITE_ADDONS / module / "__init__.py").is_file()


def test_expert_platform_depends_on_every_suite_module():
    manifests = _manifests()
    installable = {name for name, m in manifests.items() if m.get("installable", True)}
    seen, todo = set(), ["expert_platform"]
    while todo:
        name = todo.pop()
        for dep in manifests.get(name, {}).get("depends", []):
            if dep in manifests and dep not in seen:
                seen.add(dep)
                todo.append(dep)
    missing = sorted(installable - seen - {"expert_platform"})
    assert not missing, f"expert_platform does not depend (even indirectly) on {missing}"


def test_docker_compose_installs_the_requirements_pins():
    import yaml

    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    packages = compose["services"]["odoo"]["environment"].get("EP_PIP_PACKAGES", "").split()
    pins = _requirements()
    for spec in packages:
        name = re.split(r"[=<>!~]", spec, maxsplit=1)[0].lower()
        assert pins.get(name) == spec, f"docker-compose.yml {spec} != requirements.txt {pins.get(name)}"
    assert pins["stripe"] in packages, "the odoo:17.0 image has no stripe: install it on start"
