-- schema/0005_payments.sql: payments: Alipay trades and every raw notification with its verdict, transfer claims, bank statements, refunds, and each order's transfer reference code.

ALTER TABLE orders ADD COLUMN transfer_code TEXT;          -- 附言 for a corporate transfer
CREATE UNIQUE INDEX orders_transfer_code ON orders (transfer_code) WHERE transfer_code IS NOT NULL;

-- One alipay.trade.precreate each: a QR code lives 2 hours, then a new trade replaces it.
CREATE TABLE alipay_trades (
	out_trade_no TEXT PRIMARY KEY,             -- ours: <order id>_<n>
	order_id INTEGER NOT NULL REFERENCES orders (id),
	amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
	state TEXT NOT NULL CHECK (state IN ('open', 'replaced', 'paid', 'closed')),
	qr_code TEXT,                              -- from the precreate reply
	created_ms INTEGER NOT NULL,
	expires_ms INTEGER NOT NULL,
	claimed_ms INTEGER,                        -- the applicant pressed 我已支付
	checked_ms INTEGER                         -- the last alipay.trade.query
);
CREATE UNIQUE INDEX alipay_trades_open ON alipay_trades (order_id) WHERE state = 'open';
CREATE INDEX alipay_trades_order ON alipay_trades (order_id);
CREATE INDEX alipay_trades_state ON alipay_trades (state, created_ms);

-- Every notification that reached pay.fcgi/alipay/notify, exactly as it came, with what it did.
CREATE TABLE alipay_notifications (
	id INTEGER PRIMARY KEY,
	received_ms INTEGER NOT NULL,
	peer TEXT NOT NULL,
	body BLOB NOT NULL,
	out_trade_no TEXT, trade_no TEXT, trade_status TEXT, total_fen INTEGER,
	verdict TEXT NOT NULL CHECK (verdict IN ('applied', 'duplicate', 'acknowledged', 'bad_signature',
		'wrong_app', 'wrong_seller', 'unknown_trade', 'wrong_amount', 'error'))
);
CREATE INDEX alipay_notifications_trade ON alipay_notifications (out_trade_no);
CREATE TRIGGER alipay_notifications_no_update BEFORE UPDATE ON alipay_notifications
BEGIN SELECT RAISE(ABORT, 'notifications are kept as received'); END;
CREATE TRIGGER alipay_notifications_no_delete BEFORE DELETE ON alipay_notifications
BEGIN SELECT RAISE(ABORT, 'notifications are kept as received'); END;

-- A bank statement finance imported (CSV as uploaded), matched against transfer codes.
CREATE TABLE statements (
	id INTEGER PRIMARY KEY,
	sha256 TEXT NOT NULL UNIQUE,
	staff_id INTEGER NOT NULL REFERENCES staff (id),
	file_name TEXT,
	body BLOB NOT NULL,
	uploaded_ms INTEGER NOT NULL,
	applied_ms INTEGER,
	applied_by INTEGER REFERENCES staff (id)
);

-- Money for an order: received (Alipay, a confirmed or matched transfer), claimed, declined,
-- a duplicate to give back, or refunded. Each traces to its notification, query, claim or
-- statement row.
CREATE TABLE payments (
	id INTEGER PRIMARY KEY,
	order_id INTEGER NOT NULL REFERENCES orders (id),
	method TEXT NOT NULL CHECK (method IN ('alipay', 'transfer')),
	status TEXT NOT NULL CHECK (status IN ('claimed', 'received', 'declined', 'duplicate', 'refunded')),
	amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
	source TEXT NOT NULL CHECK (source IN ('notify', 'query', 'claim', 'statement')),
	out_trade_no TEXT UNIQUE REFERENCES alipay_trades (out_trade_no),
	trade_no TEXT UNIQUE,                      -- Alipay's own trade number
	notification_id INTEGER REFERENCES alipay_notifications (id),
	payer TEXT,                                -- the buyer's Alipay account (masked) or the paying account's name
	paid_on TEXT,                              -- a transfer's date, YYYY-MM-DD
	slip_doc INTEGER REFERENCES documents (id),
	bank_ref TEXT UNIQUE,                      -- a statement row's serial number
	statement_id INTEGER REFERENCES statements (id),
	created_ms INTEGER NOT NULL,
	decided_ms INTEGER,
	decided_by INTEGER REFERENCES staff (id),
	decline_reason TEXT,
	refunded_ms INTEGER,
	refunded_by INTEGER REFERENCES staff (id),
	refund_reason TEXT
);
CREATE UNIQUE INDEX payments_one_claim ON payments (order_id) WHERE status = 'claimed';
CREATE UNIQUE INDEX payments_one_received ON payments (order_id) WHERE status = 'received';
CREATE INDEX payments_status ON payments (status, created_ms);

PRAGMA user_version = 5;
