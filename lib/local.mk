# lib/local.mk: libcertdesk.a, the static library every program and tool links.
noinst_LIBRARIES += lib/libcertdesk.a
lib_libcertdesk_a_SOURCES = \
	lib/cs.h lib/util.h lib/util.c \
	lib/clock.h lib/clock.c \
	lib/log.h lib/log.c \
	lib/cfg.h lib/cfg.c \
	lib/db.h lib/db.c \
	lib/valid.h lib/valid.c \
	lib/crypto.h lib/crypto.c \
	lib/render.h lib/render.c \
	lib/app.h lib/app_int.h lib/app.c lib/app_req.c lib/app_io.c lib/app_io.h lib/app_resp.c \
	lib/app_scan.h lib/app_scan.c \
	lib/session.h lib/session.c \
	lib/account.h lib/account.c \
	lib/lockout.h lib/lockout.c \
	lib/smscode.h lib/smscode.c \
	lib/ratelimit.h lib/ratelimit.c lib/refusal.h lib/refusal.c \
	lib/outbox.h lib/outbox.c lib/outbox_send.c lib/sender.h lib/sender.c lib/sender_wake.c \
	lib/sms.h lib/sms.c lib/sms_send.c \
	lib/snowflake.h lib/snowflake.c \
	lib/audit.h lib/audit.c \
	lib/staff.h lib/staff.c \
	lib/totp.h lib/totp.c \
	lib/review.h lib/review.c \
	lib/backup.h lib/backup.c \
	lib/orphans.h lib/orphans.c \
	lib/price.h lib/price.c \
	lib/order.h lib/order.c \
	lib/role.h lib/lifecycle.h lib/lifecycle.c lib/delivery.h lib/delivery.c \
	lib/orderform.h lib/orderform.c \
	lib/workday.h lib/workday.c \
	lib/reminder.h lib/reminder.c lib/digest.h lib/digest.c lib/purge.h lib/purge.c \
	lib/doc.h lib/doc.c lib/sniff.c \
	lib/formpdf.h lib/formpdf.c lib/qr.c \
	lib/alipay.h lib/alipay.c lib/alipay_gw.h lib/alipay_gw.c \
	lib/statement.h lib/statement.c \
	lib/payment.h lib/payment_int.h lib/payment.c lib/payment_alipay.c lib/payment_statement.c \
	lib/mail.h lib/mail.c \
	lib/invoice.h lib/invoice.c lib/filestore.h lib/filestore.c lib/storage.h lib/storage.c \
	lib/seed.h lib/seed.c lib/seed_files.h \
	lib/svgchart.h lib/svgchart.c lib/dashboard.h lib/dashboard.c lib/export.h lib/export.c
nodist_lib_libcertdesk_a_SOURCES = lib/schema_sql.c
BUILT_SOURCES += lib/schema_sql.c
CLEANFILES += lib/schema_sql.c
lib/schema_sql.c: $(SCHEMA_FILES) $(top_srcdir)/scripts/embed-schema.sh
	$(AM_V_GEN)$(SHELL) $(top_srcdir)/scripts/embed-schema.sh $(SCHEMA_FILES:%=$(top_srcdir)/%) > $@.tmp && mv $@.tmp $@
