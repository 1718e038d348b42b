#!/bin/sh
# tests/fuzz/replay-statement.sh: replays the bank statement fuzz corpus through its harness (TAP).
exec "${top_builddir:-.}/tests/fuzz/replay_statement" tests/fuzz/corpus/statement
