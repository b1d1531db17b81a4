#!/bin/sh
# A local PostgreSQL server for the store tests: install (as root, Debian), start, create the test role and
# database, then print its URL on stdout. Prints nothing when no server can be had; messages go to stderr.
URL="postgresql://perfbooks:perfbooks@localhost:5432/perfbooks_test"
if [ -n "$PERFBOOKS_TEST_POSTGRES" ]; then echo "$PERFBOOKS_TEST_POSTGRES"; exit 0; fi
root=""; [ "$(id -u)" = 0 ] && root=1

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
	if [ -z "$root" ] || ! command -v apt-get >/dev/null 2>&1; then
		echo "store tests: no PostgreSQL (apt-get install postgresql as root to test the store on it too)" >&2; exit 0
	fi
	echo "store tests: installing PostgreSQL from Debian" >&2
	apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2 \
		|| { echo "store tests: apt-get install postgresql failed" >&2; exit 0; }
fi

if ! pg_isready -q -h localhost -p 5432 && [ -n "$root" ]; then
	for cluster in $(pg_lsclusters -h | awk '{print $1 "/" $2}'); do pg_ctlcluster "${cluster%/*}" "${cluster#*/}" start >&2; done
	for _ in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h localhost -p 5432 && break; sleep 1; done
fi

if [ -n "$root" ] && pg_isready -q -h localhost -p 5432; then
	as_postgres() { su postgres -s /bin/sh -c "psql -q -tA -c \"$1\"" 2>/dev/null; }
	[ "$(as_postgres "SELECT 1 FROM pg_roles WHERE rolname = 'perfbooks'")" = 1 ] \
		|| as_postgres "CREATE ROLE perfbooks LOGIN PASSWORD 'perfbooks'" >&2
	[ "$(as_postgres "SELECT 1 FROM pg_database WHERE datname = 'perfbooks_test'")" = 1 ] \
		|| as_postgres "CREATE DATABASE perfbooks_test OWNER perfbooks" >&2
fi

if PGPASSWORD=perfbooks psql -q -h localhost -U perfbooks -d perfbooks_test -c "SELECT 1" >/dev/null 2>&1; then
	echo "$URL"
else
	echo "store tests: no PostgreSQL server reachable at $URL; those tests are skipped" >&2
fi
