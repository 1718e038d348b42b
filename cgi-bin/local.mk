# cgi-bin/local.mk: the FastCGI programs, one per workflow step, installed under $(libexecdir)/certdesk/cgi-bin.
cgibindir = $(libexecdir)/certdesk/cgi-bin
CERTDESK_CGI = cgi-bin/register.fcgi cgi-bin/login.fcgi cgi-bin/home.fcgi cgi-bin/apply.fcgi \
	cgi-bin/renew.fcgi cgi-bin/pay.fcgi cgi-bin/orders.fcgi \
	cgi-bin/upload.fcgi cgi-bin/invoice.fcgi cgi-bin/admin.fcgi
cgibin_PROGRAMS = $(CERTDESK_CGI)
cgi_bin_register_fcgi_SOURCES = cgi-bin/register.c
cgi_bin_register_fcgi_LDADD = $(CERTDESK_LIBS)
cgi_bin_login_fcgi_SOURCES = cgi-bin/login.c
cgi_bin_login_fcgi_LDADD = $(CERTDESK_LIBS)
cgi_bin_home_fcgi_SOURCES = cgi-bin/home.c
cgi_bin_home_fcgi_LDADD = $(CERTDESK_LIBS)
cgi_bin_apply_fcgi_SOURCES = cgi-bin/apply.c
cgi_bin_apply_fcgi_LDADD = $(CERTDESK_LIBS)
cgi_bin_renew_fcgi_SOURCES = cgi-bin/renew.c
cgi_bin_renew_fcgi_LDADD = $(CERTDESK_LIBS)
cgi_bin_pay_fcgi_SOURCES = cgi-bin/pay.c
cgi_bin_pay_fcgi_LDADD = $(CERTDESK_LIBS)
cgi_bin_orders_fcgi_SOURCES = cgi-bin/orders.c
cgi_bin_orders_fcgi_LDADD = $(CERTDESK_LIBS)
cgi_bin_upload_fcgi_SOURCES = cgi-bin/upload.c
cgi_bin_upload_fcgi_LDADD = $(CERTDESK_LIBS)
cgi_bin_invoice_fcgi_SOURCES = cgi-bin/invoice.c
cgi_bin_invoice_fcgi_LDADD = $(CERTDESK_LIBS)
cgi_bin_admin_fcgi_SOURCES = cgi-bin/admin.c cgi-bin/admin.h cgi-bin/admin_order.c cgi-bin/admin_staff.c cgi-bin/admin_pay.c \
	cgi-bin/admin_invoice.c cgi-bin/admin_production.c cgi-bin/admin_ops.c
cgi_bin_admin_fcgi_LDADD = $(CERTDESK_LIBS)
