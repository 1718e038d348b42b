# tests/unit/local.mk: tier 1, C unit tests of the library printing TAP.
UNIT_LDADD = $(CERTDESK_LIBS)
UNIT_TESTS = tests/unit/t_valid.t tests/unit/t_crypto.t tests/unit/t_util.t tests/unit/t_store.t \
	tests/unit/t_order.t tests/unit/t_doc.t tests/unit/t_formpdf.t tests/unit/t_totp.t tests/unit/t_alipay.t
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
tests_unit_t_valid_t_SOURCES = tests/unit/t_valid.c tests/unit/tap.h
tests_unit_t_valid_t_LDADD = $(UNIT_LDADD)
tests_unit_t_crypto_t_SOURCES = tests/unit/t_crypto.c tests/unit/tap.h
tests_unit_t_crypto_t_LDADD = $(UNIT_LDADD)
tests_unit_t_util_t_SOURCES = tests/unit/t_util.c tests/unit/tap.h
tests_unit_t_util_t_LDADD = $(UNIT_LDADD)
tests_unit_t_store_t_SOURCES = tests/unit/t_store.c tests/unit/tap.h tests/unit/tsite.h
tests_unit_t_store_t_LDADD = $(UNIT_LDADD)
tests_unit_t_order_t_SOURCES = tests/unit/t_order.c tests/unit/tap.h tests/unit/tsite.h
tests_unit_t_order_t_LDADD = $(UNIT_LDADD)
tests_unit_t_doc_t_SOURCES = tests/unit/t_doc.c tests/unit/tap.h tests/unit/tsite.h
tests_unit_t_doc_t_LDADD = $(UNIT_LDADD)
tests_unit_t_formpdf_t_SOURCES = tests/unit/t_formpdf.c tests/unit/tap.h tests/unit/tsite.h
tests_unit_t_formpdf_t_LDADD = $(UNIT_LDADD)
EXTRA_DIST += tests/unit/cairo-1.16.supp
tests_unit_t_totp_t_SOURCES = tests/unit/t_totp.c tests/unit/tap.h tests/unit/tsite.h
tests_unit_t_totp_t_LDADD = $(UNIT_LDADD)
tests_unit_t_alipay_t_SOURCES = tests/unit/t_alipay.c tests/unit/tap.h
tests_unit_t_alipay_t_LDADD = $(UNIT_LDADD)
EXTRA_DIST += tests/unit/alipay-keys
