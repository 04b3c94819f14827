#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on loopback for the tests and prints its
# folder and the admin URL (`DIR URL`, one line: other scripts read it);
# `stop DIR` stops it and removes its folder. Besides the superuser it makes
# the two roles of docs/postgres-roles.md, ssa_owner and ssa_app (LOGIN, no
# password: the server trusts loopback), a database ssa owned by ssa_owner,
# and ssa_kiosk, the one role that must give its password (kiosk-password),
# for the test of `ssa-admin branch connect`. Debian's postgresql package provides the server; initdb refuses
# root, so as root the server runs as the postgres user.
#
# TLS is on and required over TCP (pg_hba `hostssl` only): a CA made for
# the run (DIR/ca.pem) signs the server's certificate for localhost and
# 127.0.0.1, and a second CA (DIR/other-ca.pem) signs nothing, for the test
# that a server whose certificate another CA made is refused. Clients check
# the certificate with PGSSLMODE=verify-full PGSSLROOTCERT=DIR/ca.pem
# (scripts/test.sh exports both; libpq and sqlx both read them).
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "no PostgreSQL server installed (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A CA for the run, the server's key and certificate (localhost, 127.0.0.1)
# signed by it, and another CA that signs nothing.
make_certificates() {
  local dir=$1
  (
    cd "$dir"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
      -subj "/CN=SSA throwaway test CA" -keyout ca.key -out ca.pem 2>/dev/null
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
      -subj "/CN=Another CA" -keyout other-ca.key -out other-ca.pem 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
      -subj "/CN=localhost" -keyout server.key -out server.csr 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
      -extfile server.ext -out server.crt 2>/dev/null
    rm -f ca.key other-ca.key server.csr server.ext ca.srl
    mv server.crt server.key data/
    chmod 600 data/server.key
    chmod 644 ca.pem other-ca.pem
  )
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/data/server.crt" "$dir/data/server.key"
  return 0
}

case "${1:-start}" in
  start)
    # The first free port from 55432 on: another server may hold one.
    port=${SSA_PG_PORT:-55432}
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    dir=$(mktemp -d /tmp/ssa-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres >"$dir/initdb.log" 2>&1
    make_certificates "$dir"
    # Every TCP line of pg_hba.conf asks for TLS: a clear connection is refused.
    sed -i -E 's/^host(\s)/hostssl\1/' "$dir/data/pg_hba.conf"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300 -c ssl=on -c ssl_cert_file=$dir/data/server.crt -c ssl_key_file=$dir/data/server.key" -w start >/dev/null
    PGSSLMODE=verify-full PGSSLROOTCERT=$dir/ca.pem \
      "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE ssa_owner LOGIN" -c "CREATE ROLE ssa_app LOGIN" \
      -c "CREATE ROLE ssa_kiosk LOGIN PASSWORD 'kiosk-password'" \
      -c "CREATE DATABASE ssa OWNER ssa_owner" >"$dir/roles.log" 2>&1 || {
        cat "$dir/roles.log" >&2
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
        rm -rf "$dir"
        exit 1
      }
    # ssa_kiosk alone must give its password (the branch-connect test checks
    # a wrong one is refused); everyone else is trusted on loopback.
    sed -i '1i hostssl all ssa_kiosk 127.0.0.1/32 scram-sha-256' "$dir/data/pg_hba.conf"
    as_owner "$bin/pg_ctl" -D "$dir/data" reload >/dev/null
    echo "$dir postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir=$2
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
esac
