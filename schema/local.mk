# schema/local.mk: the numbered migrations, embedded into the library and installed for reference.
SCHEMA_FILES = schema/0001_foundation.sql schema/0002_orders.sql schema/0003_holidays.sql schema/0004_review.sql \
	schema/0005_payments.sql schema/0006_invoices.sql schema/0007_lifecycle.sql schema/0008_scale.sql \
	schema/0009_operations.sql schema/0010_sender_refusals.sql
schemadir = $(pkgdatadir)/schema
dist_schema_DATA = $(SCHEMA_FILES)
