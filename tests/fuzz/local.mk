# tests/fuzz/local.mk: tier 6, the fuzz harnesses' corpora replayed (libFuzzer builds: scripts/fuzz).
check_PROGRAMS += tests/fuzz/replay_request tests/fuzz/replay_validators tests/fuzz/replay_sniff tests/fuzz/replay_alipay \
	tests/fuzz/replay_statement tests/fuzz/replay_scan tests/fuzz/replay_cookie tests/fuzz/replay_smtp
tests_fuzz_replay_request_SOURCES = tests/fuzz/fuzz_request.c tests/fuzz/replay.c
tests_fuzz_replay_request_LDADD = $(CERTDESK_LIBS)
tests_fuzz_replay_validators_SOURCES = tests/fuzz/fuzz_validators.c tests/fuzz/replay.c
tests_fuzz_replay_validators_LDADD = $(CERTDESK_LIBS)
tests_fuzz_replay_sniff_SOURCES = tests/fuzz/fuzz_sniff.c tests/fuzz/replay.c
tests_fuzz_replay_sniff_LDADD = $(CERTDESK_LIBS)
tests_fuzz_replay_alipay_SOURCES = tests/fuzz/fuzz_alipay.c tests/fuzz/replay.c
tests_fuzz_replay_alipay_LDADD = $(CERTDESK_LIBS)
tests_fuzz_replay_statement_SOURCES = tests/fuzz/fuzz_statement.c tests/fuzz/replay.c
tests_fuzz_replay_statement_LDADD = $(CERTDESK_LIBS)
tests_fuzz_replay_scan_SOURCES = tests/fuzz/fuzz_scan.c tests/fuzz/replay.c
tests_fuzz_replay_scan_LDADD = $(CERTDESK_LIBS)
tests_fuzz_replay_cookie_SOURCES = tests/fuzz/fuzz_cookie.c tests/fuzz/replay.c
tests_fuzz_replay_cookie_LDADD = $(CERTDESK_LIBS)
tests_fuzz_replay_smtp_SOURCES = tests/fuzz/fuzz_smtp.c tests/fuzz/replay.c
tests_fuzz_replay_smtp_LDADD = $(CERTDESK_LIBS) -lpthread
TESTS += tests/fuzz/replay-request.sh tests/fuzz/replay-validators.sh tests/fuzz/replay-sniff.sh tests/fuzz/replay-alipay.sh \
	tests/fuzz/replay-statement.sh tests/fuzz/replay-scan.sh tests/fuzz/replay-cookie.sh tests/fuzz/replay-smtp.sh
EXTRA_DIST += tests/fuzz/replay-request.sh tests/fuzz/replay-validators.sh tests/fuzz/replay-sniff.sh tests/fuzz/replay-alipay.sh \
	tests/fuzz/replay-statement.sh tests/fuzz/replay-scan.sh tests/fuzz/replay-cookie.sh tests/fuzz/replay-smtp.sh \
	tests/fuzz/corpus tests/fuzz/README
