#!/bin/sh
# tests/fuzz/replay-smtp.sh: replays the smtp fuzz corpus through its harness (TAP).
exec "${top_builddir:-.}/tests/fuzz/replay_smtp" tests/fuzz/corpus/smtp
