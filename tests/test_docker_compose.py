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


# ----------------------------------------------------------------------
# profile "scale": two prefork nodes behind nginx (docs/deploy.md)
# ----------------------------------------------------------------------

WEB_NODES = ("odoo-web-1", "odoo-web-2")


def test_scale_profile_has_two_prefork_nodes_and_nginx(compose):
    services = compose["services"]
    for name in (*WEB_NODES, "nginx"):
        assert services[name]["profiles"] == ["scale"], name
    # the single-node demo stays as it was: no profile
    assert "profiles" not in services["odoo"] and "profiles" not in services["db"]
    for name in WEB_NODES:
        command = services[name]["command"]
        options = dict(option.split("=", 1) for option in command if option.startswith("--") and "=" in option)
        assert int(options["--workers"]) >= 2
        assert "--proxy-mode" in command
        assert options["--gevent-port"] == "8072"
        assert int(options["--max-cron-threads"]) >= 1  # crons on every node: safe (see docs/deploy.md)
        assert int(options["--limit-memory-hard"]) > int(options["--limit-memory-soft"])


def test_scale_nodes_share_the_database_and_the_filestore(compose):
    services = compose["services"]
    filestore = _volumes(services["odoo"])["/var/lib/odoo"]
    for name in WEB_NODES:
        node = services[name]
        assert _volumes(node)["/var/lib/odoo"] == filestore  # sessions and attachments
        assert _volumes(node)["/mnt/extra-addons"] == "./addons"
        env = _env(node)
        assert env["HOST"] == "db" and env["EP_DB"] == _env(services["odoo"])["EP_DB"]
        # the maintenance node installs; a web node never does, and waits for it
        assert env["EP_INSTALL"] == ""
        assert node["depends_on"]["odoo"]["condition"] == "service_healthy"


def test_nginx_routes_the_websocket_to_the_gevent_port():
    conf = (REPO / "deploy" / "nginx.conf").read_text()
    for name in WEB_NODES:
        assert f"server {name}:8069" in conf
        assert f"server {name}:8072" in conf
    websocket = conf.split("location /websocket {", 1)[1].split("}", 1)[0]
    assert "proxy_pass http://odoo_websocket;" in websocket
    assert "proxy_set_header Upgrade $http_upgrade;" in websocket
    assert "X-Forwarded-Proto" in conf and "X-Forwarded-Host" in conf
    assert conf.count("{") == conf.count("}")


def test_nginx_mounts_the_config_and_is_published(compose):
    nginx = compose["services"]["nginx"]
    assert _volumes(nginx)["/etc/nginx/conf.d/default.conf"] == "./deploy/nginx.conf"
    assert any(str(port).endswith(":80") for port in nginx["ports"])
    assert set(nginx["depends_on"]) == set(WEB_NODES)


def test_entrypoint_installs_only_when_asked():
    text = (REPO / "scripts" / "docker-entrypoint.sh").read_text()
    assert 'EP_INSTALL="${EP_INSTALL-expert_platform}"' in text
    assert 'if [ -n "$EP_INSTALL" ] && [ "$installed" != installed ]; then' in text
