#!/bin/sh
# tests/fuzz/replay-scan.sh: replays the request pre-scan fuzz corpus through its harness (TAP).
exec "${top_builddir:-.}/tests/fuzz/replay_scan" tests/fuzz/corpus/scan
