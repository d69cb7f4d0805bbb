"""docker-compose.yml cannot run here (no docker engine): check what it says."""

import pathlib

import pytest
import yaml

REPO = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def _volumes(service):
    """{target: source} of a service's volumes (short or long syntax)."""
    result = {}
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            source, target = volume.split(":")[:2]
        else:
            source, target = volume.get("source"), volume["target"]
        result[target] = source
    return result


def _env(service):
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {key: str(value) for key, value in env.items()}


def test_images(compose):
    assert compose["services"]["odoo"]["image"] == "odoo:17.0"
    assert compose["services"]["db"]["image"] == "postgres:15"


def test_addons_and_config_are_mounted(compose):
    volumes = _volumes(compose["services"]["odoo"])
    assert volumes["/mnt/extra-addons"] == "./addons"
    assert volumes["/etc/odoo/odoo.conf"] == "./odoo.conf"


def test_named_volumes_for_database_and_filestore(compose):
    declared = set(compose.get("volumes") or {})
    db_source = _volumes(compose["services"]["db"])["/var/lib/postgresql/data"]
    filestore_source = _volumes(compose["services"]["odoo"])["/var/lib/odoo"]
    assert db_source in declared
    assert filestore_source in declared
    assert db_source != filestore_source


def test_odoo_reaches_the_db_service(compose):
    odoo = compose["services"]["odoo"]
    depends = odoo["depends_on"]
    assert "db" in (depends if isinstance(depends, list) else depends.keys())
    env = _env(odoo)
    db_env = _env(compose["services"]["db"])
    # the image's /entrypoint.sh turns HOST/USER/PASSWORD into --db_* options
    assert env["HOST"] == "db"
    assert env["USER"] == db_env["POSTGRES_USER"]
    assert env["PASSWORD"] == db_env["POSTGRES_PASSWORD"]


def test_port_8069_is_published(compose):
    ports = [str(p) for p in compose["services"]["odoo"]["ports"]]
    assert any(p.endswith(":8069") for p in ports), ports


def test_expert_platform_is_installed_on_first_start(compose):
    odoo = compose["services"]["odoo"]
    env = _env(odoo)
    assert env["EP_DB"] == "expert_platform"
    assert env["EP_INSTALL"] == "expert_platform"
    # the entrypoint is the repository's script, mounted from scripts/
    entrypoint = odoo["entrypoint"]
    script_in_container = entrypoint[-1]
    mounts = _volumes(odoo)
    source = mounts[script_in_container]
    script = (REPO / source).resolve()
    assert script.is_file() and script.is_relative_to(REPO / "scripts")
    text = script.read_text()
    # installs only while not installed, so a second `docker compose up`
    # serves the same database without reloading data
    assert "ir_module_module" in text
    assert 'args+=(-i "$EP_INSTALL")' in text
    assert 'exec /entrypoint.sh odoo "${args[@]}"' in text
    assert '-d "$EP_DB"' in text
    assert odoo.get("command") in (["odoo"], "odoo", None)


def test_master_password_from_the_environment_or_generated(compose):
    """Issue 13.9: docker compose takes ODOO_ADMIN_PASSWD or generates one
    once (kept on the odoo-data volume), like scripts/run: Odoo reads the
    mounted odoo.conf rewritten with it on the volume."""
    odoo = compose["services"]["odoo"]
    assert _env(odoo)["ODOO_ADMIN_PASSWD"] == "${ODOO_ADMIN_PASSWD:-}"
    mounts = _volumes(odoo)
    entrypoint = odoo["entrypoint"][-1]
    common = pathlib.PurePosixPath(entrypoint).parent / "_common.sh"
    assert mounts[str(common)] == "./scripts/_common.sh", "the entrypoint sources _common.sh next to it"
    text = (REPO / mounts[entrypoint]).read_text()
    assert '. "$(dirname "$0")/_common.sh"' in text
    assert "ep_write_conf" in text
    written = "/var/lib/odoo/odoo.conf"
    assert f"EP_RUN_CONF={written}" in text
    assert 'export ODOO_RC="$EP_RUN_CONF"' in text
    # the written conf and the generated password live on the filestore volume
    assert mounts["/var/lib/odoo"] in (compose.get("volumes") or {})
    # the conf is written before the image's entrypoint runs Odoo
    assert text.index("ep_write_conf") < text.index("exec /entrypoint.sh odoo")
