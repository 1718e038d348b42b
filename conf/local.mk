# conf/local.mk: installs the example site configuration and the web-server configs; ships the templates scripts/serve and the tests fill in.
certdeskconfdir = $(sysconfdir)/certdesk
dist_certdeskconf_DATA = conf/certdesk.hdf.example
certdeskexamplesdir = $(docdir)/examples
dist_certdeskexamples_DATA = \
	conf/apache-certdesk.conf \
	conf/lighttpd-certdesk.conf \
	conf/htaccess.example \
	conf/certdesk-sender.service \
	conf/certdesk.cron
dist_certdeskexamples_DATA += conf/certdesk-daily.cron
EXTRA_DIST += conf/lighttpd.conf.in conf/apache-test.conf.in
