# cgi-bin/local.mk: the FastCGI programs, one per workflow step, installed under $(libexecdir)/certdesk/cgi-bin.
cgibindir = $(libexecdir)/certdesk/cgi-bin
CERTDESK_CGI = cgi-bin/register.fcgi cgi-bin/login.fcgi cgi-bin/home.fcgi
cgibin_PROGRAMS = $(CERTDESK_CGI)
cgi_bin_register_fcgi_SOURCES = cgi-bin/register.c
cgi_bin_register_fcgi_LDADD = $(CERTDESK_LIBS)
cgi_bin_login_fcgi_SOURCES = cgi-bin/login.c
cgi_bin_login_fcgi_LDADD = $(CERTDESK_LIBS)
cgi_bin_home_fcgi_SOURCES = cgi-bin/home.c
cgi_bin_home_fcgi_LDADD = $(CERTDESK_LIBS)
