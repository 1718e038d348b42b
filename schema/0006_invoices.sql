-- schema/0006_invoices.sql: invoices (发票): the applicants' titles (抬头), the requests with a copy of the title, the issued file and the e-mail that carried it.

CREATE TABLE invoice_titles (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users (id),
	kind TEXT NOT NULL CHECK (kind IN ('company', 'personal')),
	name TEXT NOT NULL,
	tax_id TEXT,                               -- 纳税人识别号 (required for a company)
	address TEXT, phone TEXT, bank TEXT, account TEXT,
	email TEXT NOT NULL,                       -- where the invoice is sent
	is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
	created_ms INTEGER NOT NULL,
	updated_ms INTEGER NOT NULL
);
CREATE INDEX invoice_titles_user ON invoice_titles (user_id, id);
CREATE UNIQUE INDEX invoice_titles_default ON invoice_titles (user_id) WHERE is_default = 1;

CREATE TABLE invoices (
	id INTEGER PRIMARY KEY,
	order_id INTEGER NOT NULL REFERENCES orders (id),
	user_id INTEGER NOT NULL REFERENCES users (id),
	type TEXT NOT NULL CHECK (type IN ('normal', 'special')),
	status TEXT NOT NULL CHECK (status IN ('pending', 'issued', 'rejected')),
	amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
	-- the title as chosen: editing or deleting the title afterwards changes nothing here
	title_kind TEXT NOT NULL CHECK (title_kind IN ('company', 'personal')),
	name TEXT NOT NULL, tax_id TEXT, address TEXT, phone TEXT, bank TEXT, account TEXT,
	email TEXT NOT NULL,
	number TEXT,                               -- 发票号码, once issued
	file_path TEXT,                            -- under Data.Dir/uploads, made by the server
	file_sha256 TEXT,
	file_ctype TEXT CHECK (file_ctype IN ('application/pdf', 'application/ofd')),
	file_size INTEGER,
	reject_reason TEXT,
	requested_ms INTEGER NOT NULL,
	decided_ms INTEGER,
	decided_by INTEGER REFERENCES staff (id),
	mail_id INTEGER REFERENCES outbox (id)     -- the e-mail that carries the file
);
-- One open request per order: pending, or issued (an order is invoiced once).
CREATE UNIQUE INDEX invoices_open ON invoices (order_id) WHERE status IN ('pending', 'issued');
CREATE INDEX invoices_user ON invoices (user_id, id);
CREATE INDEX invoices_status ON invoices (status, requested_ms);

PRAGMA user_version = 6;
