#!/bin/sh
# autogen.sh: bootstraps the autotools build (copies automake's TAP driver, then autoreconf).
set -eu
cd "$(dirname "$0")"
mkdir -p build-aux m4
drv=$(ls /usr/share/automake-*/tap-driver.sh 2>/dev/null | tail -n 1)
[ -n "$drv" ] || { echo "autogen.sh: automake's tap-driver.sh not found (install automake)" >&2; exit 1; }
cp -f "$drv" build-aux/tap-driver.sh
autoreconf -fi
