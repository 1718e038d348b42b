# tests/e2e/local.mk: tier 5, the end-to-end journeys in headless Chromium (playwright-core driving Debian's /usr/bin/chromium), screenshots kept in $(top_builddir)/tests/e2e/screenshots/.
# scripts/install-deps installs chromium and runs `npm ci` here (node_modules/ is not in git).
E2E_TESTS = tests/e2e/t_e2e_accounts.py tests/e2e/t_e2e_applications.py tests/e2e/t_e2e_staff.py tests/e2e/t_e2e_payments.py tests/e2e/t_e2e_invoices.py \
	tests/e2e/t_e2e_lifecycle.py tests/e2e/t_e2e_ops.py
TESTS += $(E2E_TESTS)
EXTRA_DIST += $(E2E_TESTS) tests/e2e/accounts.mjs tests/e2e/applications.mjs tests/e2e/staff.mjs tests/e2e/payments.mjs tests/e2e/invoices.mjs tests/e2e/lifecycle.mjs tests/e2e/ops.mjs tests/e2e/journey.py tests/e2e/journey.mjs tests/e2e/package.json tests/e2e/package-lock.json \
	tests/e2e/.gitignore
CLEANFILES += tests/e2e/screenshots/*.png
