#!/bin/sh
# tests/fuzz/replay-sniff.sh: replays the sniff fuzz corpus through its harness (TAP).
exec "${top_builddir:-.}/tests/fuzz/replay_sniff" tests/fuzz/corpus/sniff
