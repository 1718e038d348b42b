/* tests/unit/tinvariants.h: SECURITY.md 29's money invariants and the order life's consistency, as SQL counting the rows that break each, shared by the model-based test and seed-demo's test. */
#ifndef CERTDESK_TINVARIANTS_H
#define CERTDESK_TINVARIANTS_H

/* One invariant: its statement and a query counting what breaks it (0 when it holds). */
struct tinvariant {
	const char *name, *sql;
};

/* The invariants, ended by a row with name NULL. */
static const struct tinvariant tinvariants[] = {
	{ "an order is paid only when money equal to its amount was received",
	  "SELECT count(*) FROM orders o WHERE o.pay_status = 'paid' AND NOT EXISTS (SELECT 1 FROM payments p"
	  " WHERE p.order_id = o.id AND p.status = 'received' AND p.amount_fen = o.amount_fen)" },
	{ "money applied to an order is its amount",
	  "SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE p.status = 'received'"
	  " AND p.amount_fen <> o.amount_fen" },
	{ "a received payment means the order is paid (or cancelled, to refund)",
	  "SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE p.status = 'received'"
	  " AND o.pay_status <> 'paid'" },
	{ "a transfer is applied only once finance confirmed it or the bank statement shows it",
	  "SELECT count(*) FROM payments WHERE method = 'transfer' AND status = 'received'"
	  " AND decided_by IS NULL AND statement_id IS NULL" },
	{ "an invoice never exceeds the money received",
	  "SELECT count(*) FROM orders o WHERE (SELECT ifnull(sum(amount_fen), 0) FROM invoices i WHERE i.order_id"
	  " = o.id AND i.status IN ('pending', 'issued')) > (SELECT ifnull(sum(amount_fen), 0) FROM payments p"
	  " WHERE p.order_id = o.id AND p.status = 'received')" },
	{ "no invoice for a cancelled or refunded order",
	  "SELECT count(*) FROM invoices i JOIN orders o ON o.id = i.order_id WHERE i.status IN ('pending',"
	  " 'issued') AND (o.status = 'cancelled' OR o.pay_status = 'refunded')" },
	{ "production and delivery only for paid orders",
	  "SELECT count(*) FROM orders WHERE status IN ('producing', 'shipped', 'ready', 'completed')"
	  " AND pay_status <> 'paid'" },
	{ "approved and paid never stays: it is producing",
	  "SELECT count(*) FROM orders WHERE status = 'approved' AND pay_status = 'paid'" },
	{ "the timeline ends at the order's status",
	  "SELECT count(*) FROM orders o WHERE o.status <> (SELECT h.to_status FROM order_history h"
	  " WHERE h.order_id = o.id ORDER BY h.id DESC LIMIT 1)" },
	{ "one open application per person and kind among submitted orders",
	  "SELECT count(*) FROM (SELECT id_index FROM orders WHERE subject = 'personal' AND status IN ('pending',"
	  " 'rejected', 'approved', 'producing', 'shipped', 'ready') GROUP BY id_index, kind HAVING count(*) > 1)" },
	{ NULL, NULL }
};

#endif
