-- schema/0009_operations.sql: running the platform: the certificate expiry reminders sent (each once), staff e-mail addresses for the daily digest, and the retention purge's marks on orders and documents.

-- One row per expiry reminder sent (60, 30 or 7 days before the certificate of a completed
-- order expires): a rerun of certdesk-admin reminders never sends one again.
CREATE TABLE reminders_sent (
	order_id INTEGER NOT NULL REFERENCES orders (id),
	days INTEGER NOT NULL CHECK (days IN (60, 30, 7)),
	sent_ms INTEGER NOT NULL,
	PRIMARY KEY (order_id, days)
) WITHOUT ROWID;
-- The completed orders whose certificate expires within the next days, and the later
-- orders that renew (or reissue) one, each from an index.
CREATE INDEX orders_expiry ON orders (issued_expires) WHERE status = 'completed' AND issued_expires IS NOT NULL;
CREATE INDEX orders_prev_order ON orders (prev_order) WHERE prev_order IS NOT NULL;

-- Where a staff member receives the daily digest (optional).
ALTER TABLE staff ADD COLUMN email TEXT;

-- Retention (SECURITY.md 24): when the personal data and scans of an order were removed.
-- The rows stay (payments, invoices, history and the audit log name them); only what they
-- held of a person goes.
ALTER TABLE orders ADD COLUMN purged_ms INTEGER;
ALTER TABLE documents ADD COLUMN purged_ms INTEGER;
-- Orders by the time they were completed or cancelled (their history row into that status).
CREATE INDEX order_history_closed ON order_history (to_status, at_ms) WHERE to_status IN ('completed', 'cancelled');
-- An order's documents (to purge), and whether a stored file is still named by a document
-- that keeps it.
CREATE INDEX documents_order ON documents (order_id, purged_ms);
CREATE INDEX documents_path ON documents (path);

PRAGMA user_version = 9;
