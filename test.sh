#!/usr/bin/env bash
# Runs every test: unit, Quarkus, integration (real Redis, real child processes) and the bundled policies' tests.
# Installs what the tests need on a fresh Debian machine (redis-server); the tests start their own servers on
# loopback and stop them after.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v redis-server >/dev/null 2>&1; then
    echo "test.sh: installing redis-server (the replica tests run a real one on loopback)"
    if [ "$(id -u)" = "0" ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
    else
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
    fi
    # the package starts a system-wide server; the tests start their own, so stop it
    (service redis-server stop || systemctl stop redis-server || true) >/dev/null 2>&1
fi

./mvnw -B verify "$@"

# the bundled policies' own unit tests and formatting, through the launcher users run
./gatehouse test policies --coverage
./gatehouse fmt --check policies
