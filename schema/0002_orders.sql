-- schema/0002_orders.sql: orders (业务单) with their application data, documents with history, status history, and the price table.

CREATE TABLE prices (
	subject TEXT NOT NULL CHECK (subject IN ('enterprise', 'personal')),
	kind TEXT NOT NULL CHECK (kind IN ('new', 'renew', 'reissue')),
	project TEXT NOT NULL CHECK (project IN ('bidding', 'procurement', 'both', 'other')),
	fen INTEGER NOT NULL CHECK (fen >= 0),
	per_year INTEGER NOT NULL CHECK (per_year IN (0, 1)),   -- 1: × years, 0: flat per certificate
	PRIMARY KEY (subject, kind, project)
);
INSERT INTO prices (subject, kind, project, fen, per_year) VALUES
	('enterprise', 'new', 'bidding', 40000, 1), ('enterprise', 'new', 'procurement', 40000, 1),
	('enterprise', 'new', 'other', 40000, 1), ('enterprise', 'new', 'both', 65000, 1),
	('enterprise', 'renew', 'bidding', 40000, 1), ('enterprise', 'renew', 'procurement', 40000, 1),
	('enterprise', 'renew', 'other', 40000, 1), ('enterprise', 'renew', 'both', 65000, 1),
	('enterprise', 'reissue', 'bidding', 15000, 0), ('enterprise', 'reissue', 'procurement', 15000, 0),
	('enterprise', 'reissue', 'other', 15000, 0), ('enterprise', 'reissue', 'both', 15000, 0),
	('personal', 'new', 'bidding', 25000, 1), ('personal', 'new', 'procurement', 25000, 1),
	('personal', 'new', 'other', 25000, 1), ('personal', 'new', 'both', 25000, 1),
	('personal', 'renew', 'bidding', 25000, 1), ('personal', 'renew', 'procurement', 25000, 1),
	('personal', 'renew', 'other', 25000, 1), ('personal', 'renew', 'both', 25000, 1),
	('personal', 'reissue', 'bidding', 15000, 0), ('personal', 'reissue', 'procurement', 15000, 0),
	('personal', 'reissue', 'other', 15000, 0), ('personal', 'reissue', 'both', 15000, 0);

CREATE TABLE orders (
	id INTEGER PRIMARY KEY,                    -- the Snowflake 业务单号
	user_id INTEGER NOT NULL REFERENCES users (id),
	subject TEXT NOT NULL CHECK (subject IN ('enterprise', 'personal')),
	kind TEXT NOT NULL CHECK (kind IN ('new', 'renew', 'reissue')),
	project TEXT NOT NULL CHECK (project IN ('bidding', 'procurement', 'both', 'other')),
	years INTEGER NOT NULL CHECK (years BETWEEN 1 AND 5),
	cert_count INTEGER NOT NULL DEFAULT 1 CHECK (cert_count BETWEEN 1 AND 20),
	status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending', 'rejected',
		'approved', 'producing', 'shipped', 'ready', 'completed', 'cancelled')),
	pay_status TEXT NOT NULL DEFAULT 'unpaid' CHECK (pay_status IN ('unpaid', 'claimed', 'paid', 'refunded')),
	amount_fen INTEGER CHECK (amount_fen >= 0),  -- fixed at submission
	delivery TEXT NOT NULL DEFAULT 'pickup' CHECK (delivery IN ('mail', 'pickup')),
	mail_name TEXT, mail_mobile TEXT, mail_address TEXT,
	agree INTEGER NOT NULL DEFAULT 0,
	consent INTEGER NOT NULL DEFAULT 0,
	-- enterprise
	org_name TEXT, org_nature TEXT, uscc TEXT,
	legal_name TEXT, legal_id_sealed TEXT, legal_id_index TEXT,
	agent_name TEXT, agent_mobile TEXT, agent_email TEXT, agent_id_type TEXT,
	agent_id_sealed TEXT, agent_id_index TEXT, agent_address TEXT, seal_code TEXT,
	-- personal
	name TEXT, id_sealed TEXT, id_index TEXT, mobile TEXT, email TEXT, address TEXT,
	-- renewal and reissue
	prev_order INTEGER REFERENCES orders (id), cert_serial TEXT,
	-- review
	review_reason TEXT, review_items TEXT,
	created_ms INTEGER NOT NULL,
	updated_ms INTEGER NOT NULL,
	submitted_ms INTEGER
);
CREATE INDEX orders_user ON orders (user_id, id);
CREATE INDEX orders_status ON orders (status, submitted_ms);
-- One open application per organisation and kind, per ID number for personal ones.
CREATE UNIQUE INDEX orders_open_uscc ON orders (uscc, kind)
	WHERE subject = 'enterprise' AND status NOT IN ('completed', 'cancelled');
CREATE UNIQUE INDEX orders_open_person ON orders (id_index, kind)
	WHERE subject = 'personal' AND status NOT IN ('completed', 'cancelled');

CREATE TABLE documents (
	id INTEGER PRIMARY KEY,
	order_id INTEGER NOT NULL REFERENCES orders (id),
	slot TEXT NOT NULL,
	sha256 TEXT NOT NULL,
	path TEXT NOT NULL,                        -- under Data.Dir/uploads, made by the server
	ctype TEXT NOT NULL CHECK (ctype IN ('image/jpeg', 'image/png', 'application/pdf')),
	size INTEGER NOT NULL,
	width INTEGER, height INTEGER,
	orig_name TEXT,                            -- shown only, never used as a path
	created_ms INTEGER NOT NULL,
	current INTEGER NOT NULL DEFAULT 1         -- earlier versions stay with current = 0
);
CREATE UNIQUE INDEX documents_current ON documents (order_id, slot) WHERE current = 1;

CREATE TABLE order_history (
	id INTEGER PRIMARY KEY,
	order_id INTEGER NOT NULL REFERENCES orders (id),
	at_ms INTEGER NOT NULL,
	realm TEXT NOT NULL,
	actor TEXT NOT NULL DEFAULT '',
	from_status TEXT,
	to_status TEXT NOT NULL,
	reason TEXT
);
CREATE INDEX order_history_order ON order_history (order_id, at_ms);

PRAGMA user_version = 2;
