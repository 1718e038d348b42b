-- schema/0004_review.sql: the staff side of review: who has claimed an order, and internal notes the applicant never sees.

ALTER TABLE orders ADD COLUMN claimed_by INTEGER REFERENCES staff (id);
ALTER TABLE orders ADD COLUMN claimed_ms INTEGER;
ALTER TABLE orders ADD COLUMN reviewed_by INTEGER REFERENCES staff (id);
ALTER TABLE orders ADD COLUMN reviewed_ms INTEGER;

CREATE TABLE order_notes (
	id INTEGER PRIMARY KEY,
	order_id INTEGER NOT NULL REFERENCES orders (id),
	staff_id INTEGER NOT NULL REFERENCES staff (id),
	at_ms INTEGER NOT NULL,
	body TEXT NOT NULL
);
CREATE INDEX order_notes_order ON order_notes (order_id, at_ms);

PRAGMA user_version = 4;
