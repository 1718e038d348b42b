# tests/unit/local.mk: tier 1, C unit tests of the library printing TAP.
UNIT_LDADD = $(CERTDESK_LIBS)
UNIT_TESTS = tests/unit/t_valid.t tests/unit/t_crypto.t tests/unit/t_util.t tests/unit/t_store.t
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
tests_unit_t_valid_t_SOURCES = tests/unit/t_valid.c tests/unit/tap.h
tests_unit_t_valid_t_LDADD = $(UNIT_LDADD)
tests_unit_t_crypto_t_SOURCES = tests/unit/t_crypto.c tests/unit/tap.h
tests_unit_t_crypto_t_LDADD = $(UNIT_LDADD)
tests_unit_t_util_t_SOURCES = tests/unit/t_util.c tests/unit/tap.h
tests_unit_t_util_t_LDADD = $(UNIT_LDADD)
tests_unit_t_store_t_SOURCES = tests/unit/t_store.c tests/unit/tap.h
tests_unit_t_store_t_LDADD = $(UNIT_LDADD)
