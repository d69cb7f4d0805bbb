# shellcheck shell=bash
# Shared helpers for scripts/setup, scripts/run and scripts/test.
# Source it after `set -euo pipefail`; it never changes the caller's options.

EP_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EP_VENV="$EP_REPO/.venv"
EP_PY="$EP_VENV/bin/python"
EP_LOCAL="$EP_REPO/.local"
EP_CONF="$EP_REPO/odoo.conf"
# Programs scripts/setup provides, found before the system's: wkhtmltopdf
# with patched Qt (headers, footers, several documents per run).
EP_BIN="$EP_LOCAL/bin"
case ":$PATH:" in *":$EP_BIN:"*) ;; *) export PATH="$EP_BIN:$PATH" ;; esac
# The configuration Odoo reads: odoo.conf's options plus the master password
# (git-ignored, written by ep_write_conf before each Odoo start).
EP_RUN_CONF="$EP_LOCAL/odoo.conf"
# The generated master password of the database manager (when
# ODOO_ADMIN_PASSWD is not set), created once, readable by its owner only.
EP_ADMIN_PASSWD_FILE="${EP_ADMIN_PASSWD_FILE:-$EP_LOCAL/admin_passwd}"
# Odoo's data dir (filestore, sessions): git-ignored, inside the repository.
EP_DATA_DIR="${ODOO_DATA_DIR:-$EP_LOCAL/data}"
ODOO_SRC="${ODOO_SRC:-$HOME/.cache/odoo-src/17.0}"
ODOO_SRC_URL="${ODOO_SRC_URL:-https://nightly.odoo.com/17.0/nightly/src/odoo_17.0.latest.tar.gz}"
# shellcheck disable=SC2034 # used by the scripts that source this file
EP_OS_USER="$(id -un)"
EP_DB_ARGS=()

ep_name() { basename "$0"; }
ep_log() { printf '[%s] %s\n' "$(ep_name)" "$*" >&2; }
ep_die() {
    printf '[%s] ERROR: %s\n' "$(ep_name)" "$*" >&2
    exit 1
}

ep_is_root() { [ "$(id -u)" = 0 ]; }

# Value of an option in odoo.conf's [options] section (empty when absent).
ep_conf_get() {
    [ -f "$EP_CONF" ] || return 0
    awk -v key="$1" '
        /^[[:space:]]*\[/ { insec = ($0 ~ /^[[:space:]]*\[options\]/) ; next }
        insec && $0 ~ "^[[:space:]]*" key "[[:space:]]*=" {
            sub(/^[^=]*=[[:space:]]*/, ""); sub(/[[:space:]]+$/, ""); print; exit
        }' "$EP_CONF"
}

# PostgreSQL connection: PG* environment variables win, then db_* options of
# odoo.conf, then libpq defaults (local socket, role named after the OS user).
# Exported so that psql, createdb and Odoo (through libpq) all agree.
ep_pg_env() {
    local v pair var
    for pair in PGHOST:db_host PGPORT:db_port PGUSER:db_user PGPASSWORD:db_password; do
        var="${pair%%:*}"
        if [ -z "${!var:-}" ]; then
            v="$(ep_conf_get "${pair#*:}")"
            if [ -n "$v" ] && [ "$v" != False ]; then export "$var=$v"; fi
        fi
    done
    # Odoo reads db_* from odoo.conf before libpq sees the environment: pass
    # the resolved values explicitly so an environment variable always wins.
    EP_DB_ARGS=()
    if [ -n "${PGHOST:-}" ]; then EP_DB_ARGS+=("--db_host=$PGHOST"); fi
    if [ -n "${PGPORT:-}" ]; then EP_DB_ARGS+=("--db_port=$PGPORT"); fi
    if [ -n "${PGUSER:-}" ]; then EP_DB_ARGS+=("--db_user=$PGUSER"); fi
    return 0
}

ep_psql() { psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }

ep_db_exists() {
    [ "$(ep_psql -Atc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]
}

# True when database $1 has module $2 installed.
ep_module_installed() {
    local state
    state="$(psql -X -q -d "$1" -Atc \
        "SELECT state FROM ir_module_module WHERE name = '$2'" 2>/dev/null || true)"
    [ "$state" = installed ]
}

# Drop a database (closing its connections) and its filestore.
ep_drop_db() {
    local db="$1"
    if ep_db_exists "$db"; then
        dropdb --if-exists --force "$db" >/dev/null 2>&1 ||
            dropdb --if-exists "$db" ||
            ep_log "could not drop database $db"
    fi
    if [ -n "$db" ] && [ -d "$EP_DATA_DIR/filestore/$db" ]; then
        rm -rf "${EP_DATA_DIR:?}/filestore/$db"
    fi
    return 0
}

# A TCP port nobody listens on (the kernel picks it).
ep_free_port() {
    "$EP_PY" - <<'PY'
import socket

s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

# Odoo source layout. Sets EP_ODOO_BIN and EP_ODOO_ADDONS (comma separated).
#  - git layout: odoo-bin, odoo/, addons/ at the top
#  - source tarball (sdist) layout: setup/odoo, odoo/, every addon in odoo/addons
ep_odoo_layout() {
    local dirs=()
    [ -f "$ODOO_SRC/odoo/release.py" ] || return 1
    if [ -f "$ODOO_SRC/odoo-bin" ]; then
        EP_ODOO_BIN="$ODOO_SRC/odoo-bin"
    elif [ -f "$ODOO_SRC/setup/odoo" ]; then
        EP_ODOO_BIN="$ODOO_SRC/setup/odoo"
    else
        return 1
    fi
    if [ -d "$ODOO_SRC/addons" ] && [ -f "$ODOO_SRC/addons/web/__manifest__.py" ]; then
        dirs+=("$ODOO_SRC/addons")
    fi
    dirs+=("$ODOO_SRC/odoo/addons")
    EP_ODOO_ADDONS="$(IFS=,; echo "${dirs[*]}")"
    EP_ADDONS_PATH="$EP_REPO/addons,$EP_ODOO_ADDONS"
    return 0
}

# The master password: $ODOO_ADMIN_PASSWD, else the one kept in
# $EP_ADMIN_PASSWD_FILE, else a new random one written there and printed once
# (on stderr). The committed odoo.conf carries none that anybody knows.
ep_admin_passwd() {
    local tmp
    if [ -n "${ODOO_ADMIN_PASSWD:-}" ]; then
        case "$ODOO_ADMIN_PASSWD" in
            *$'\n'*) ep_die "ODOO_ADMIN_PASSWD must fit on one line" ;;
        esac
        printf '%s\n' "$ODOO_ADMIN_PASSWD"
        return 0
    fi
    if [ ! -s "$EP_ADMIN_PASSWD_FILE" ]; then
        mkdir -p "$(dirname "$EP_ADMIN_PASSWD_FILE")"
        tmp="$EP_ADMIN_PASSWD_FILE.$$"
        (umask 077 && head -c 24 /dev/urandom | base64 | tr '+/' '-_' >"$tmp")
        # ln fails when another run created the file meanwhile: keep theirs
        if ln "$tmp" "$EP_ADMIN_PASSWD_FILE" 2>/dev/null; then
            ep_log "generated the master password of the database manager: $(cat "$tmp")"
            ep_log "(kept in $EP_ADMIN_PASSWD_FILE; set ODOO_ADMIN_PASSWD to choose it)"
        fi
        rm -f "$tmp"
    fi
    head -n 1 "$EP_ADMIN_PASSWD_FILE"
}

# Write $EP_RUN_CONF: odoo.conf with admin_passwd set to ep_admin_passwd.
ep_write_conf() {
    local passwd tmp
    passwd="$(ep_admin_passwd)" || exit 1
    mkdir -p "$(dirname "$EP_RUN_CONF")"
    tmp="$EP_RUN_CONF.$$"
    (umask 077 && EP_PASSWD="$passwd" awk '
        function put() { if (insec && !done) { print "admin_passwd = " ENVIRON["EP_PASSWD"]; done = 1 } }
        /^[[:space:]]*\[/ { put(); insec = ($0 ~ /^[[:space:]]*\[options\]/); print; next }
        insec && /^[[:space:]]*admin_passwd[[:space:]]*=/ { next }
        { print }
        END { put(); if (!done) { print "[options]"; print "admin_passwd = " ENVIRON["EP_PASSWD"] } }
    ' "$EP_CONF" >"$tmp")
    mv -f "$tmp" "$EP_RUN_CONF"
}

# Run Odoo with the venv's python and the suite's configuration. The command
# line overrides odoo.conf's addons_path and data_dir (which are the docker
# image's paths). ep_odoo_exec replaces the current (sub)shell with Odoo.
ep_odoo_cmd() {
    ep_odoo_layout || ep_die "no Odoo 17.0 source at $ODOO_SRC: run scripts/setup"
    mkdir -p "$EP_DATA_DIR"
    ep_write_conf
    EP_ODOO_CMD=("$EP_PY" "$EP_ODOO_BIN" -c "$EP_RUN_CONF"
        --addons-path="$EP_ADDONS_PATH" --data-dir="$EP_DATA_DIR"
        "${EP_DB_ARGS[@]}" "$@")
}
ep_odoo() {
    ep_odoo_cmd "$@"
    PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" "${EP_ODOO_CMD[@]}"
}
ep_odoo_exec() {
    ep_odoo_cmd "$@"
    PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" exec "${EP_ODOO_CMD[@]}"
}

# Installable suite modules (folders of addons/ with an installable manifest).
ep_suite_modules() {
    "$EP_PY" - "$EP_REPO/addons" <<'PY'
import ast
import pathlib
import sys

for manifest in sorted(pathlib.Path(sys.argv[1]).glob("*/__manifest__.py")):
    data = ast.literal_eval(manifest.read_text())
    if data.get("installable", True):
        print(manifest.parent.name)
PY
}
