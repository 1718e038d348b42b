#!/bin/sh
# tests/fuzz/replay-cookie.sh: replays the cookie fuzz corpus through its harness (TAP).
exec "${top_builddir:-.}/tests/fuzz/replay_cookie" tests/fuzz/corpus/cookie
