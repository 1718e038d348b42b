#!/bin/sh
# tests/fuzz/replay-validators.sh: replays the validators fuzz corpus through its harness (TAP).
exec "${top_builddir:-.}/tests/fuzz/replay_validators" tests/fuzz/corpus/validators
