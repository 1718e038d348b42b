-- schema/0007_lifecycle.sql: the order's whole life: revisions (decide on what was seen), production and delivery, drafts that reserve nothing, and money that arrives for no payable trade.

-- Every applicant change (a field or a document) raises rev; staff decide on a revision.
ALTER TABLE orders ADD COLUMN rev INTEGER NOT NULL DEFAULT 1;

-- What each applicant change touched, by revision: the staff page marks what changed
-- since the last rejection, the applicant's items to correct show 已补正 once replaced.
CREATE TABLE order_changes (
	id INTEGER PRIMARY KEY,
	order_id INTEGER NOT NULL REFERENCES orders (id),
	rev INTEGER NOT NULL,
	item TEXT NOT NULL,                        -- a form field or a document slot
	at_ms INTEGER NOT NULL
);
CREATE INDEX order_changes_order ON order_changes (order_id, at_ms);

-- Production and delivery (cert_serial already holds the serial of the certificate a
-- renewal or reissue names; the one produced for this order is issued_serial).
ALTER TABLE orders ADD COLUMN issued_serial TEXT;          -- hexadecimal, as CFCA issued it
ALTER TABLE orders ADD COLUMN issued_expires TEXT;         -- YYYY-MM-DD
ALTER TABLE orders ADD COLUMN produced_ms INTEGER;
ALTER TABLE orders ADD COLUMN produced_by INTEGER REFERENCES staff (id);
ALTER TABLE orders ADD COLUMN carrier TEXT;                -- mail orders: the carrier's code
ALTER TABLE orders ADD COLUMN tracking_no TEXT;
ALTER TABLE orders ADD COLUMN shipped_ms INTEGER;
ALTER TABLE orders ADD COLUMN completed_ms INTEGER;
CREATE INDEX orders_production ON orders (status, pay_status, submitted_ms)
	WHERE status IN ('approved', 'producing', 'shipped', 'ready');
CREATE INDEX orders_completed ON orders (user_id, status, issued_expires) WHERE status = 'completed';

-- Drafts reserve nothing: one open application counts submitted orders only.
DROP INDEX orders_open_uscc;
DROP INDEX orders_open_person;
CREATE UNIQUE INDEX orders_open_uscc ON orders (uscc, kind)
	WHERE subject = 'enterprise' AND status IN ('pending', 'rejected', 'approved', 'producing', 'shipped', 'ready');
CREATE UNIQUE INDEX orders_open_person ON orders (id_index, kind)
	WHERE subject = 'personal' AND status IN ('pending', 'rejected', 'approved', 'producing', 'shipped', 'ready');

-- Money that arrived but cannot pay the order (a stale or closed trade, a wrong amount,
-- an order no longer payable) is a 'duplicate' payment (to refund) with its cause.
ALTER TABLE payments ADD COLUMN refund_cause TEXT;

PRAGMA user_version = 7;
