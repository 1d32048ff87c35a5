# Sourced by .ci/run (and usable by hand: `source .ci/postgres.sh && cargo test`):
# starts a throw-away PostgreSQL server on 127.0.0.1 in a temporary data directory,
# exports SUMMIT_TEST_DATABASE_URL for the store tests and the two-process e2e test, and
# stops the server and removes the directory when the shell exits.
# The server speaks TLS with a certificate for `localhost` from a throw-away CA, whose
# certificate is exported as SUMMIT_TEST_PG_CA for the TLS tests (tests/postgres_tls.rs).
# PostgreSQL comes from Debian's packages when the machine has none; it refuses to run as
# root, so as root the server runs as the `postgres` user the package creates.

summit_pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | while read -r d; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; fi
  done | tail -n 1
}

pg_bin="$(summit_pg_bin)"
if [ -z "$pg_bin" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  pg_bin="$(summit_pg_bin)"
fi
if [ -z "$pg_bin" ]; then
  echo "postgres: no initdb/pg_ctl under /usr/lib/postgresql/*/bin after installing" >&2
  exit 1
fi

summit_pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_dir="$(mktemp -d /tmp/summit-pg.XXXXXX)"
chmod 755 "$pg_dir"
if [ "$(id -u)" = 0 ]; then chown postgres: "$pg_dir"; fi
pg_password="summit-ci-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$pg_password" >"$pg_dir/pwfile"
if [ "$(id -u)" = 0 ]; then chown postgres: "$pg_dir/pwfile"; fi
if ! command -v openssl >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends openssl >/dev/null
fi
# A CA and a server certificate for localhost (not for 127.0.0.1: the tests check that
# verify-full compares the name).
(
  cd "$pg_dir" &&
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=summit-ci-ca" \
    -keyout ca.key -out ca.crt &&
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr &&
  printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' >server.ext &&
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
    -extfile server.ext -out server.crt
) >"$pg_dir/openssl.log" 2>&1 || { cat "$pg_dir/openssl.log" >&2; exit 1; }
chmod 600 "$pg_dir/server.key"
if [ "$(id -u)" = 0 ]; then chown postgres: "$pg_dir/server.key" "$pg_dir/server.crt"; fi
pg_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

summit_pg_stop() {
  summit_pg_as_owner "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap summit_pg_stop EXIT

summit_pg_as_owner "$pg_bin/initdb" -D "$pg_dir/data" -U summit --pwfile="$pg_dir/pwfile" \
  --auth-local=trust --auth-host=scram-sha-256 --no-sync -E UTF8 >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log" >&2; exit 1; }
# Throw-away data: no fsync. Room for the tests running side by side.
summit_pg_as_owner "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c max_connections=300 \
     -c ssl=on -c ssl_cert_file=$pg_dir/server.crt -c ssl_key_file=$pg_dir/server.key" \
  start >/dev/null || { cat "$pg_dir/server.log" >&2; exit 1; }
summit_pg_as_owner "$pg_bin/createdb" -h "$pg_dir" -p "$pg_port" -U summit summit_test
export SUMMIT_TEST_DATABASE_URL="postgres://summit:$pg_password@127.0.0.1:$pg_port/summit_test"
export SUMMIT_TEST_PG_CA="$pg_dir/ca.crt"
