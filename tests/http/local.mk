# tests/http/local.mk: tier 4, the applicant journeys over HTTP through a real lighttpd and a real Apache (+ mod_fcgid, and plain CGI with .htaccess).
HTTP_TESTS = tests/http/t_lighttpd_accounts.py tests/http/t_apache_accounts.py \
	tests/http/t_lighttpd_orders.py tests/http/t_apache_orders.py \
	tests/http/t_lighttpd_staff.py tests/http/t_apache_staff.py \
	tests/http/t_apache_cgi_staff.py \
	tests/http/t_lighttpd_payments.py tests/http/t_apache_payments.py \
	tests/http/t_lighttpd_invoices.py tests/http/t_apache_invoices.py \
	tests/http/t_apache_cgi_payments.py tests/http/t_apache_cgi_invoices.py \
	tests/http/t_apache_cgi_orders.py \
	tests/http/t_lighttpd_ops.py tests/http/t_apache_ops.py
HTTP_TESTS += tests/http/t_lighttpd_operations.py tests/http/t_apache_operations.py
HTTP_TESTS += tests/http/t_lighttpd_sender.py tests/http/t_lighttpd_flood.py tests/http/t_lighttpd_diskfull.py \
	tests/http/t_lighttpd_gateways.py
TESTS += $(HTTP_TESTS)
EXTRA_DIST += $(HTTP_TESTS) tests/http/journeys.py tests/http/orders.py tests/http/staff.py \
	tests/http/payments.py tests/http/invoices.py tests/http/ops.py
EXTRA_DIST += tests/http/operations.py
TESTS += tests/http/t_lighttpd_attack.py tests/http/t_apache_attack.py
EXTRA_DIST += tests/http/t_lighttpd_attack.py tests/http/t_apache_attack.py tests/http/attack.py
