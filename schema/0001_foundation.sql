-- schema/0001_foundation.sql: accounts, staff, sessions, SMS codes, rate limits, outbox, audit log, Snowflake worker leases.

CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	mobile TEXT UNIQUE,                        -- NULL once the account is cancelled (注销)
	pw_hash TEXT NOT NULL,
	created_ms INTEGER NOT NULL,
	failed_logins INTEGER NOT NULL DEFAULT 0,
	locked_until_ms INTEGER NOT NULL DEFAULT 0,
	cancelled_ms INTEGER
);

CREATE TABLE staff (
	id INTEGER PRIMARY KEY,
	login TEXT NOT NULL UNIQUE,
	role TEXT NOT NULL CHECK (role IN ('reviewer', 'finance', 'producer', 'admin')),
	pw_hash TEXT NOT NULL,
	totp_secret TEXT,                          -- sealed with the master key
	totp_enrolled INTEGER NOT NULL DEFAULT 0,
	totp_last_step INTEGER NOT NULL DEFAULT 0, -- a TOTP step is accepted once
	failed_logins INTEGER NOT NULL DEFAULT 0,
	locked_until_ms INTEGER NOT NULL DEFAULT 0,
	disabled INTEGER NOT NULL DEFAULT 0,
	created_ms INTEGER NOT NULL
);

CREATE TABLE sessions (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,           -- SHA-256 of the cookie token; the token is never stored
	realm TEXT NOT NULL CHECK (realm IN ('user', 'staff')),
	subject_id INTEGER NOT NULL,
	pending INTEGER NOT NULL DEFAULT 0,        -- staff: password passed, TOTP not yet
	created_ms INTEGER NOT NULL,
	seen_ms INTEGER NOT NULL,
	addr TEXT NOT NULL DEFAULT '',
	agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_subject ON sessions (realm, subject_id);

CREATE TABLE sms_codes (
	id INTEGER PRIMARY KEY,
	mobile TEXT NOT NULL,
	purpose TEXT NOT NULL CHECK (purpose IN ('register', 'reset')),
	code_mac TEXT NOT NULL,                    -- HMAC-SM3 of mobile, purpose and code
	created_ms INTEGER NOT NULL,
	expires_ms INTEGER NOT NULL,
	tries INTEGER NOT NULL DEFAULT 0,
	spent INTEGER NOT NULL DEFAULT 0,
	addr TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sms_codes_mobile ON sms_codes (mobile, purpose, created_ms);

CREATE TABLE rate_events (
	kind TEXT NOT NULL,
	key TEXT NOT NULL,
	at_ms INTEGER NOT NULL
);
CREATE INDEX rate_events_key ON rate_events (kind, key, at_ms);
CREATE INDEX rate_events_at ON rate_events (at_ms);

CREATE TABLE outbox (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('sms', 'mail')),
	recipient TEXT NOT NULL,
	subject TEXT,
	body TEXT NOT NULL,
	created_ms INTEGER NOT NULL,
	due_ms INTEGER NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	claimed_until_ms INTEGER NOT NULL DEFAULT 0,
	sent_ms INTEGER,
	last_error TEXT
);
CREATE INDEX outbox_due ON outbox (sent_ms, due_ms);

CREATE TABLE outbox_files (
	id INTEGER PRIMARY KEY,
	outbox_id INTEGER NOT NULL REFERENCES outbox (id),
	path TEXT NOT NULL,
	name TEXT NOT NULL,
	ctype TEXT NOT NULL
);

CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	at_ms INTEGER NOT NULL,
	realm TEXT NOT NULL,
	actor TEXT NOT NULL DEFAULT '',
	addr TEXT NOT NULL DEFAULT '',
	action TEXT NOT NULL,
	order_id INTEGER,
	outcome TEXT NOT NULL,
	detail TEXT
);
CREATE INDEX audit_at ON audit (at_ms);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE snowflake_workers (
	worker_id INTEGER PRIMARY KEY CHECK (worker_id BETWEEN 0 AND 1023),
	holder TEXT NOT NULL DEFAULT '',
	leased_until_ms INTEGER NOT NULL DEFAULT 0,
	last_ms INTEGER NOT NULL DEFAULT 0         -- the last millisecond a holder used
);

PRAGMA user_version = 1;
