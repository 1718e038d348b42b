/* lib/seed.h: certdesk-admin seed-demo: synthetic but realistic applicants, orders with their whole life (history, payments, invoices, documents) for demos and benchmarks. */
#ifndef CERTDESK_SEED_H
#define CERTDESK_SEED_H
#include <stdint.h>

/* The pw_hash of every account seed-demo makes: not a scrypt string, so no password ever
 * matches it (the accounts cannot sign in), and the mark that tells seeded data from real:
 * an order whose applicant has any other pw_hash is real. */
#define SEED_PW_MARK "!seed-demo"

/* Demo staff seed-demo adds (once) as the actors of reviews, payments and production;
 * disabled, with SEED_PW_MARK as their hash: nobody can sign in as them. */
#define SEED_STAFF_PREFIX "demo."

struct seed_opts {
	int64_t users;		/* applicants to add, >= 1 */
	int64_t orders;		/* orders to add, users <= orders <= 50 * users */
	uint64_t seed;		/* the random seed: the same seed on the same database gives the same data
				 * (times relative to now; sealed ID numbers differ by their random IV) */
	int64_t batch;		/* orders per transaction (0: 10,000) */
	/* NULL, or the password of the demo applicant: the busiest one (min(50, M - N + 1)
	 * orders), who then signs in with it (hashed at the site's cost). */
	const char *demo_password;
	/* Called after each committed batch (may be NULL). */
	void (*progress)(void *ctx, int64_t done, int64_t total);
	void *ctx;
};

struct seed_stats {
	int64_t users, orders, history, payments, invoices, documents;
	int64_t demo_user, demo_orders;	/* the busiest applicant, always */
	char demo_mobile[12];
};

/* 1 when the database holds an order that seed-demo did not make (its applicant's pw_hash
 * is not SEED_PW_MARK and it is no demo applicant, whose id seed-demo wrote into the
 * append-only audit log as action "seed-demo", outcome "demo-user"; a cancelled account is
 * real too), 0 when none, -1 on error. */
int seed_has_real_orders(void);

/* Adds o->users applicants and o->orders orders with their history, payments (Alipay
 * trades or transfers, refunds, duplicates), invoices and documents (rows pointing at three
 * placeholder files stored once under Data.Dir/uploads), spread over the last three years:
 * order numbers are Snowflake ids made from the synthetic creation times, one applicant's
 * orders are scattered through the table, and each order's status is where its simulated
 * life had got to by now. Refuses a database with real orders (seed_has_real_orders); runs
 * again on a seeded one, adding more. Commits every o->batch orders, with synchronous=OFF
 * and a large page cache for the connection during the run (restored afterwards).
 * Returns 0 (st filled), 1 when the database holds real orders (nothing written), 2 for
 * counts out of range, -1 on error (the batch in progress is rolled back; committed batches
 * stay). */
int seed_demo(const struct seed_opts *o, struct seed_stats *st);
#endif
