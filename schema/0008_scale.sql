-- schema/0008_scale.sql: indexes for every list, queue, search and lookup at a million orders, and the trigram search index over the names.

-- The staff queue and filter, oldest submission first (cancelled drafts have no submission
-- time and sort by creation): with a status, and over every submitted order.
CREATE INDEX orders_queue ON orders (status, ifnull(submitted_ms, created_ms), id);
CREATE INDEX orders_queue_all ON orders (ifnull(submitted_ms, created_ms), id) WHERE status <> 'draft';
-- orders_queue serves every lookup by status that orders_status (status, submitted_ms) did.
DROP INDEX orders_status;

-- Exact lookups of the staff search: USCC, mobiles, the ID numbers' blind indexes.
CREATE INDEX orders_uscc ON orders (uscc) WHERE uscc IS NOT NULL;
CREATE INDEX orders_mobile ON orders (mobile) WHERE mobile IS NOT NULL;
CREATE INDEX orders_agent_mobile ON orders (agent_mobile) WHERE agent_mobile IS NOT NULL;
CREATE INDEX orders_id_index ON orders (id_index) WHERE id_index IS NOT NULL;
CREATE INDEX orders_agent_id_index ON orders (agent_id_index) WHERE agent_id_index IS NOT NULL;
CREATE INDEX orders_legal_id_index ON orders (legal_id_index) WHERE legal_id_index IS NOT NULL;

-- Names shorter than a trigram (one or two characters, e.g. a two-character person's
-- name): exact or prefix lookups on each name column.
CREATE INDEX orders_org_name ON orders (org_name) WHERE org_name IS NOT NULL;
CREATE INDEX orders_name ON orders (name) WHERE name IS NOT NULL;
CREATE INDEX orders_agent_name ON orders (agent_name) WHERE agent_name IS NOT NULL;
CREATE INDEX orders_legal_name ON orders (legal_name) WHERE legal_name IS NOT NULL;

-- Names of three characters or more: a trigram index over the four name columns, with
-- orders as its external content (rowid = the order number). SQLite 3.40 refuses a
-- virtual table inside a trigger while PRAGMA trusted_schema is OFF (lib/db.c keeps it
-- OFF), so lib/order.c keeps this index in the same transaction as every write of a
-- name, and order_search_rebuild() rebuilds it after bulk loads.
CREATE VIRTUAL TABLE orders_fts USING fts5 (org_name, name, agent_name, legal_name,
	content = 'orders', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO orders_fts (orders_fts) VALUES ('rebuild');

-- Per-order lookups: the invoice state of each row of the applicant's list, an order's
-- invoices and payments; the staff lists by status, newest or oldest first.
CREATE INDEX invoices_order ON invoices (order_id, id, status);
CREATE INDEX invoices_status_id ON invoices (status, id);
CREATE INDEX payments_order ON payments (order_id, id);
CREATE INDEX payments_status_id ON payments (status, id);
-- Received money of cancelled orders (待退款): few rows, found without reading the others.
CREATE INDEX orders_to_refund ON orders (status, pay_status) WHERE status = 'cancelled' AND pay_status = 'paid';

-- The audit log's search: by order number, actor, action, address or outcome.
CREATE INDEX audit_order ON audit (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX audit_actor ON audit (actor);
CREATE INDEX audit_action ON audit (action);
CREATE INDEX audit_addr ON audit (addr);
CREATE INDEX audit_outcome ON audit (outcome);

PRAGMA user_version = 8;
