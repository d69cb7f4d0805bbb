#!/usr/bin/env bash
# Entrypoint of the odoo service of docker-compose.yml (official odoo:17.0
# image): install the suite once, then run the image's own /entrypoint.sh,
# which adds --db_host/--db_port/--db_user/--db_password from HOST, PORT,
# USER and PASSWORD and waits for PostgreSQL.
#
#   EP_DB            database to serve (default expert_platform)
#   EP_INSTALL       module installed with demo data while it is not
#                    installed in EP_DB yet (default expert_platform; set
#                    and empty: none, as on the web nodes of the scale
#                    profile, where the maintenance node installs)
#   EP_PIP_PACKAGES  pinned Python packages the image lacks (pip --user)
#   ODOO_ADMIN_PASSWD  master password of the database manager; when empty,
#                    one is generated on the first start into
#                    /var/lib/odoo/admin_passwd (odoo-data volume) and
#                    printed once in the log (docker compose logs odoo)
#
# Odoo reads /var/lib/odoo/odoo.conf: the mounted odoo.conf with that
# password (written by scripts/_common.sh's ep_write_conf, as for scripts/run).
#
# `docker compose up` twice works: the second start finds the module
# installed and only serves the database (no -i, so no data reload).
set -euo pipefail

: "${HOST:=db}" "${PORT:=5432}" "${USER:=odoo}" "${PASSWORD:=odoo}"
EP_DB="${EP_DB:-expert_platform}"
EP_INSTALL="${EP_INSTALL-expert_platform}"

if [ "${1:-odoo}" != odoo ] && [ "${1:0:1}" != - ]; then
    exec /entrypoint.sh "$@" # e.g. docker compose run odoo bash
fi
[ "${1:-}" = odoo ] && shift

# Missing Python packages, into ~odoo/.local (on the odoo-data volume).
for spec in ${EP_PIP_PACKAGES:-}; do
    module="${spec%%[=<>!~]*}"
    module="${module//-/_}"
    if ! python3 -c "import $module" 2>/dev/null; then
        echo "docker-entrypoint: pip install --user $spec"
        pip3 install --user --no-cache-dir --disable-pip-version-check "$spec" ||
            pip3 install --user --no-cache-dir --break-system-packages "$spec"
    fi
done

# shellcheck source=scripts/_common.sh
. "$(dirname "$0")/_common.sh"
EP_CONF="${ODOO_RC:-/etc/odoo/odoo.conf}"
EP_RUN_CONF=/var/lib/odoo/odoo.conf
EP_ADMIN_PASSWD_FILE=/var/lib/odoo/admin_passwd
ep_write_conf
export ODOO_RC="$EP_RUN_CONF"

wait-for-psql.py --db_host "$HOST" --db_port "$PORT" --db_user "$USER" \
    --db_password "$PASSWORD" --timeout=60

installed=""
[ -z "$EP_INSTALL" ] || installed="$(PGPASSWORD="$PASSWORD" psql -h "$HOST" -p "$PORT" -U "$USER" -d "$EP_DB" \
    -XAtqc "SELECT state FROM ir_module_module WHERE name = '$EP_INSTALL'" 2>/dev/null || true)"
args=(-d "$EP_DB" --db-filter="^${EP_DB}\$")
if [ -n "$EP_INSTALL" ] && [ "$installed" != installed ]; then
    echo "docker-entrypoint: installing $EP_INSTALL with demo data into $EP_DB (first start)"
    args+=(-i "$EP_INSTALL")
fi
exec /entrypoint.sh odoo "${args[@]}" "$@"
