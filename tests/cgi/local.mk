# tests/cgi/local.mk: tier 3, every program run as plain CGI and under FastCGI.
TESTS += tests/cgi/t_accounts_cgi.py tests/cgi/t_accounts_fcgi.py tests/cgi/t_admin.py tests/cgi/t_orders.py tests/cgi/t_upload.py tests/cgi/t_renew.py tests/cgi/t_invoice.py tests/cgi/t_pay.py tests/cgi/t_production.py tests/cgi/t_seed_demo.py
EXTRA_DIST += tests/cgi/upload_fixtures.py tests/cgi/cgitest.py tests/cgi/accounts.py tests/cgi/t_accounts_cgi.py tests/cgi/t_accounts_fcgi.py tests/cgi/t_admin.py tests/cgi/t_orders.py tests/cgi/t_upload.py tests/cgi/t_renew.py tests/cgi/t_invoice.py tests/cgi/t_pay.py tests/cgi/t_production.py tests/cgi/t_seed_demo.py
TESTS += tests/cgi/t_parse_cost.py
EXTRA_DIST += tests/cgi/t_parse_cost.py
TESTS += tests/cgi/t_utf8_limits.py
EXTRA_DIST += tests/cgi/t_utf8_limits.py
TESTS += tests/cgi/t_sender.py
EXTRA_DIST += tests/cgi/t_sender.py
