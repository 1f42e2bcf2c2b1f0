#!/usr/bin/env bash
# What `make test` needs on this machine, set up when missing: PostgreSQL and Redis running on
# 127.0.0.1, Debian's Chromium for the browser tests and GNU gettext for the catalogues.
# Used by `make test` and by .ci/run. Services elsewhere (TEST_DATABASE_URL / TEST_REDIS_URL
# pointing to another host) are left alone; only local ones are started.
set -euo pipefail

say() { printf '== %s\n' "$*" >&2; }
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    say "$1 is missing: install it with 'sudo apt-get install $1'"
    return 1
  fi
  say "installing $1"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}

db_url=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/portal}
redis_url=${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}

case "$db_url" in
  *@127.0.0.1:5432/*|*@localhost:5432/*)
    if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
      command -v pg_ctlcluster >/dev/null || apt_install postgresql
      say "starting PostgreSQL"
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
      for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
    fi
    pg_isready -h 127.0.0.1 -p 5432 -q || { say "PostgreSQL does not answer on 127.0.0.1:5432"; exit 1; }
    ;;
esac

case "$redis_url" in
  redis://127.0.0.1:6379*|redis://localhost:6379*)
    if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
      command -v redis-server >/dev/null || apt_install redis-server
      say "starting Redis"
      mkdir -p /var/lib/redis /var/log/redis
      redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
        --dir /var/lib/redis --logfile /var/log/redis/portal.log
      for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
    fi
    redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || { say "Redis does not answer on 127.0.0.1:6379"; exit 1; }
    ;;
esac

chromium=${PORTAL_CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || apt_install chromium
command -v msgfmt >/dev/null 2>&1 && command -v xgettext >/dev/null 2>&1 || apt_install gettext
