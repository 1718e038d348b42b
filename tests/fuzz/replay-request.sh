#!/bin/sh
# tests/fuzz/replay-request.sh: replays the request fuzz corpus through its harness (TAP).
exec "${top_builddir:-.}/tests/fuzz/replay_request" tests/fuzz/corpus/request
