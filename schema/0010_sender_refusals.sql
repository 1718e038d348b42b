-- schema/0010_sender_refusals.sql: what the sender's lanes ask (the unsent messages of one kind by due time), and the hourly counts of refused anonymous requests that replace a row each.

-- A lane's claim and its next wake-up: the unsent messages of its kind, oldest due first.
CREATE INDEX outbox_unsent ON outbox (kind, due_ms) WHERE sent_ms IS NULL;

-- What clients that are not signed in had refused (SECURITY.md 27), counted per client
-- address, hour, action and reason: the first few of each also get their audit row (or, for
-- an unverifiable Alipay notification, its stored body); the rest only add to the count.
CREATE TABLE refusals (
	hour_ms INTEGER NOT NULL,                  -- the start of the hour
	addr TEXT NOT NULL,
	action TEXT NOT NULL,                      -- login, staff_login, alipay_notify ...
	reason TEXT NOT NULL,                      -- address limit, locked, bad_signature ...
	count INTEGER NOT NULL,
	last_ms INTEGER NOT NULL,
	PRIMARY KEY (hour_ms, addr, action, reason)
) WITHOUT ROWID;
CREATE INDEX refusals_addr ON refusals (addr, hour_ms);

PRAGMA user_version = 10;
