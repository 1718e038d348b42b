# tools/local.mk: certdesk-admin, the set-up and maintenance command line.
sbin_PROGRAMS += tools/certdesk-admin
tools_certdesk_admin_SOURCES = tools/certdesk-admin.c
tools_certdesk_admin_LDADD = $(CERTDESK_LIBS)
