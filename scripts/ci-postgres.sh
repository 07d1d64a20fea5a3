#!/usr/bin/env bash
# A local PostgreSQL for the test suite, on a Debian machine, as root. Idempotent: installs the
# `postgresql` package only if no server is installed, creates a cluster only if the newest
# installed major version has none, starts it if it is down, creates (or resets the password
# of) a login role and a UTF-8 database, waits until it accepts connections, and prints
#   postgres://USER:PASSWORD@127.0.0.1:PORT/DATABASE
# as the last line of stdout. Everything else goes to stderr.
#
# Environment (optional): FINMATCH_PG_USER, FINMATCH_PG_PASSWORD, FINMATCH_PG_DATABASE
# (default finmatch for all three; keep them URL-safe). The role may create databases: the
# tests create and drop their own.
set -euo pipefail
exec 3>&1 1>&2

user=${FINMATCH_PG_USER:-finmatch}
password=${FINMATCH_PG_PASSWORD:-finmatch}
database=${FINMATCH_PG_DATABASE:-finmatch}

log() { echo "ci-postgres: $*"; }
die() {
  log "error: $*"
  exit 1
}

[ "$(id -u)" -eq 0 ] || die "run as root (it installs packages and starts the server)"

# The newest installed major version that has a server binary, or nothing.
server_version() {
  local dir
  for dir in $(ls -1 /usr/lib/postgresql 2>/dev/null | grep -E '^[0-9]+$' | sort -rn); do
    if [ -x "/usr/lib/postgresql/$dir/bin/postgres" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 0
}

version=$(server_version)
if [ -z "$version" ] || ! command -v pg_ctlcluster >/dev/null; then
  log "installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  # The package's install script starts a server: it gets no descriptor of ours (see below).
  apt_log=$(mktemp)
  if ! { apt-get update -q && apt-get install -y -q --no-install-recommends postgresql; } \
    </dev/null >"$apt_log" 2>&1 3>&-; then
    cat "$apt_log"
    die "cannot install postgresql"
  fi
  tail -n 5 "$apt_log"
  rm -f "$apt_log"
  version=$(server_version)
  [ -n "$version" ] || die "postgresql was installed but no server binary was found"
fi
log "PostgreSQL $version"

# pg_lsclusters -h: version cluster port status owner datadir logfile
cluster_line() { pg_lsclusters -h | awk -v v="$version" '$1 == v { print; exit }'; }

if [ -z "$(cluster_line)" ]; then
  log "creating cluster $version/main"
  pg_createcluster --encoding UTF8 --locale C "$version" main
fi
read -r _ cluster port status _ <<<"$(cluster_line)"

install -d -m 2775 -o postgres -g postgres /var/run/postgresql
if [ "$status" != "online" ]; then
  log "starting cluster $version/$cluster on port $port"
  # The server must not inherit this script's output: the caller reads the URL from a pipe until
  # end of file, which would never come while the server holds the pipe open (fd 3 and stdout),
  # and a CI runner waiting for its log to close would wait for the server too.
  if ! pg_ctlcluster "$version" "$cluster" start </dev/null >/dev/null 2>&1 3>&-; then
    tail -n 30 "/var/log/postgresql/postgresql-$version-$cluster.log" || true
    die "cannot start cluster $version/$cluster"
  fi
fi

ready=no
for _ in $(seq 1 60); do
  if pg_isready -q -h 127.0.0.1 -p "$port"; then
    ready=yes
    break
  fi
  sleep 1
done
[ "$ready" = yes ] || die "the server does not accept connections on 127.0.0.1:$port"

admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@"; }

admin -v user="$user" -v password="$password" -v db="$database" <<'SQL'
select format('create role %I login createdb password %L', :'user', :'password')
where not exists (select from pg_roles where rolname = :'user')
\gexec
select format('alter role %I login createdb password %L', :'user', :'password')
\gexec
select format(
  'create database %I owner %I template template0 encoding %L lc_collate %L lc_ctype %L',
  :'db', :'user', 'UTF8', 'C', 'C')
where not exists (select from pg_database where datname = :'db')
\gexec
SQL

can_login() {
  PGPASSWORD="$password" psql -X -q -h 127.0.0.1 -p "$port" -U "$user" -d "$database" \
    -c 'select 1' >/dev/null 2>&1
}

if ! can_login; then
  # pg_hba.conf has no password rule for 127.0.0.1 (Debian's default has one): add it first.
  hba=$(admin -At -c 'show hba_file')
  log "allowing $user on 127.0.0.1 with a password in $hba"
  sed -i "1i host all $user 127.0.0.1/32 scram-sha-256" "$hba"
  admin -c 'select pg_reload_conf()' >/dev/null
  sleep 1
  can_login || die "cannot log in as $user on 127.0.0.1:$port"
fi

log "ready"
echo "postgres://$user:$password@127.0.0.1:$port/$database" >&3
