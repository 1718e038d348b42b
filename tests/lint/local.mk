# tests/lint/local.mk: tier 2, template renders against hostile fixtures and the template and SQL lints.
LINT_TESTS = tests/lint/t_render.t
check_PROGRAMS += $(LINT_TESTS)
TESTS += $(LINT_TESTS) tests/lint/template-lint.sh tests/lint/sql-lint.sh
tests_lint_t_render_t_SOURCES = tests/lint/t_render.c tests/unit/tap.h
tests_lint_t_render_t_LDADD = $(CERTDESK_LIBS)
EXTRA_DIST += tests/lint/template-lint.sh tests/lint/sql-lint.sh \
	tests/lint/fixtures/bad-template.cs tests/lint/fixtures/bad-sql.c
