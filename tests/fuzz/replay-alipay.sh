#!/bin/sh
# tests/fuzz/replay-alipay.sh: replays the alipay fuzz corpus through its harness (TAP).
exec "${top_builddir:-.}/tests/fuzz/replay_alipay" tests/fuzz/corpus/alipay
