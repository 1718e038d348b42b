/* tools/certdesk-admin.c: the command line for set-up and maintenance (init, staff, backup, outbox, sender), SPEC §8. */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "account.h"
#include "audit.h"
#include "backup.h"
#include "cfg.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "digest.h"
#include "log.h"
#include "orphans.h"
#include "outbox.h"
#include "payment.h"
#include "price.h"
#include "purge.h"
#include "reminder.h"
#include "seed.h"
#include "sender.h"
#include "staff.h"
#include "util.h"
#include "valid.h"
#include "workday.h"

static void usage(void)
{
	fputs("usage: certdesk-admin [--config FILE] COMMAND\n"
	    "  init                      create or migrate the data directory and database\n"
	    "  staff-add LOGIN ROLE [EMAIL]\n"
	    "                            add staff (reviewer|finance|producer|admin); password on stdin;\n"
	    "                            EMAIL receives the daily digest\n"
	    "  staff-passwd LOGIN        set a staff password (stdin)\n"
	    "  staff-totp-reset LOGIN    force a new second-factor enrolment\n"
	    "  backup DIR                online copy of database, uploads and key file\n"
	    "  restore DIR               restore such a copy\n"
	    "  outbox                    send the queued SMS and e-mail that are due (cron)\n"
	    "  sender                    keep sending SMS and e-mail as they are queued, until\n"
	    "                            SIGTERM (systemd: conf/certdesk-sender.service)\n"
	    "  orphans [--dry-run] [--grace MINUTES]\n"
	    "                            list and remove uploads no row refers to and stale\n"
	    "                            temporary files, older than MINUTES (default 60)\n"
	    "  reconcile [MINUTES]       ask Alipay about payments still unknown after MINUTES\n"
	    "                            (default 10) and apply what it reports (cron)\n"
	    "  price-list                print the price table (fen)\n"
	    "  price-set SUBJECT KIND PROJECT FEN [flat]\n"
	    "                            set a price: per certificate-year, or flat per certificate\n"
	    "  holiday-set DATE off|work mark an official holiday or a make-up working day\n"
	    "  reminders                 queue the 60-, 30- and 7-day expiry SMS of certificates (daily cron)\n"
	    "  digest                    queue each staff member's e-mail of their waiting queues (daily cron)\n"
	    "  purge --older-than YEARS [--dry-run] [--yes]\n"
	    "                            remove the scans and personal data of orders completed or cancelled\n"
	    "                            YEARS ago, keeping the accounting record; asks unless --yes\n"
	    "  seed-demo --users N --orders M [--seed S] [--batch B] [--demo-applicant]\n"
	    "                            add N synthetic applicants (who cannot sign in) and M orders\n"
	    "                            (N <= M <= 50 N) over the last three years, for demos and\n"
	    "                            benchmarks; refuses a database holding real orders. With\n"
	    "                            --demo-applicant the busiest applicant (up to 50 orders) signs\n"
	    "                            in with the password on stdin\n", stderr);
}

/* Run as root, switches to the owner of Data.Dir so that no root-owned file locks the site out. */
static int become_owner(void)
{
	struct stat st;

	if (geteuid() != 0 || stat(cfg_str("Data.Dir", "."), &st) != 0 || st.st_uid == 0)
		return 0;
	if (setgroups(0, NULL) != 0 || setgid(st.st_gid) != 0 || setuid(st.st_uid) != 0) {
		fprintf(stderr, "certdesk-admin: cannot switch to the owner of Data.Dir: %s\n",
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Creates dir with mode unless it exists; 0 or -1 with a message. */
static int make_dir(const char *dir, mode_t mode)
{
	if (mkdir(dir, mode) == 0 || errno == EEXIST)
		return 0;
	fprintf(stderr, "certdesk-admin: cannot create %s: %s\n", dir, strerror(errno));
	return -1;
}

/* Loads the key file (creating it when create is set) and opens the database. */
static int open_site(int create)
{
	char def[1024];

	if (cfg_data_path("keys/master.key", def, sizeof(def)) != 0
	    || crypto_key_load(cfg_str("Crypto.KeyFile", def), create) != 0)
		return -1;
	if (db_open() != 0) {
		fprintf(stderr, "certdesk-admin: cannot open the database in %s\n",
		    cfg_str("Data.Dir", "."));
		return -1;
	}
	return 0;
}

/* Opens the existing site (the sender's lanes open it each). */
static int open_existing_site(void)
{
	return open_site(0);
}

/* init: the data directory layout, the key file (never overwritten) and the schema. */
static int cmd_init(void)
{
	static const char *const sub[] = { "uploads", "tmp", "keys" };
	char path[1024];
	size_t i;

	if (make_dir(cfg_str("Data.Dir", "."), 0750) != 0 || become_owner() != 0)
		return 1;
	for (i = 0; i < sizeof(sub) / sizeof(sub[0]); i++)
		if (cfg_data_path(sub[i], path, sizeof(path)) != 0
		    || make_dir(path, strcmp(sub[i], "keys") == 0 ? 0700 : 0750) != 0)
			return 1;
	if (open_site(1) != 0)
		return 1;
	printf("certdesk: data directory %s ready, database schema version %d\n",
	    cfg_str("Data.Dir", "."), db_version());
	return 0;
}

/* Reads the password from stdin: the first line, and the second (when given) must repeat it. */
static int read_password(char *out, size_t size)
{
	char again[256];
	const char *msg;

	if (!fgets(out, (int)size, stdin)) {
		fprintf(stderr, "certdesk-admin: give the password on standard input\n");
		return -1;
	}
	out[strcspn(out, "\r\n")] = '\0';
	if (fgets(again, sizeof(again), stdin)) {
		again[strcspn(again, "\r\n")] = '\0';
		if (strcmp(out, again) != 0) {
			fprintf(stderr, "certdesk-admin: the two passwords differ\n");
			return -1;
		}
	}
	msg = out[0] ? valid_password(out) : "empty";
	if (msg) {
		fprintf(stderr, "certdesk-admin: password refused: 8-128 characters with letters and digits\n");
		return -1;
	}
	return 0;
}

/* staff-add, staff-passwd, staff-totp-reset. */
static int cmd_staff(const char *cmd, int argc, char **argv)
{
	char pw[256];
	int rc;

	if (argc < 1 || (strcmp(cmd, "staff-add") == 0 && argc < 2)) {
		usage();
		return 2;
	}
	if (!staff_login_valid(argv[0])) {
		fprintf(stderr, "certdesk-admin: a login is 3-32 of a-z 0-9 . _ - starting with a letter\n");
		return 2;
	}
	if (strcmp(cmd, "staff-add") == 0 && !staff_role_mask(argv[1])) {
		fprintf(stderr, "certdesk-admin: ROLE is reviewer, finance, producer or admin\n");
		return 2;
	}
	if (strcmp(cmd, "staff-add") == 0 && argc > 2 && (argc > 3 || valid_email(argv[2]))) {
		fprintf(stderr, "certdesk-admin: EMAIL is one e-mail address, e.g. shen@example.com\n");
		return 2;
	}
	if (become_owner() != 0 || open_site(0) != 0)
		return 1;
	if (strcmp(cmd, "staff-totp-reset") == 0) {
		rc = staff_totp_reset(argv[0]);
	} else {
		if (read_password(pw, sizeof(pw)) != 0)
			return 1;
		rc = strcmp(cmd, "staff-add") == 0 ? staff_add(argv[0], argv[1], pw, argc > 2 ? argv[2] : NULL)
		    : staff_passwd(argv[0], pw);
	}
	if (rc == 1)
		fprintf(stderr, "certdesk-admin: %s: %s\n", argv[0],
		    strcmp(cmd, "staff-add") == 0 ? "login exists" : "no such login");
	else if (rc != 0)
		fprintf(stderr, "certdesk-admin: %s failed\n", cmd);
	else
		audit_log("system", "certdesk-admin", "", cmd, 0, "ok", argv[0]);
	return rc == 0 ? 0 : 1;
}

/* Prints one price row: subject kind project fen per-year|flat yuan. */
static void print_price(void *ctx, const char *subject, const char *kind, const char *project,
    int64_t fen, int per_year)
{
	char yuan[32];

	util_fen_to_yuan(fen, yuan, sizeof(yuan));
	printf("%-10s %-8s %-11s %8lld %-8s %s元\n", subject, kind, project, (long long)fen,
	    per_year ? "per-year" : "flat", yuan);
}

/* Seconds since start (CLOCK_MONOTONIC), with milliseconds. */
static double elapsed(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* seed-demo progress: one line per committed batch. */
static void seed_progress(void *ctx, int64_t done, int64_t total)
{
	printf("seed-demo: %lld/%lld orders (%lld%%), %.1f s\n", (long long)done, (long long)total,
	    (long long)(done * 100 / total), elapsed(ctx));
	fflush(stdout);
}

/* Parses a positive decimal number into *out; 0 or -1. */
static int parse_count(const char *s, int64_t *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < 1)
		return -1;
	*out = v;
	return 0;
}

/* seed-demo --users N --orders M [--seed S] [--batch B]: exits 0, 1 when the database holds
 * real orders or the run failed, 2 on bad usage. */
static int cmd_seed_demo(int argc, char **argv)
{
	struct seed_opts o;
	struct seed_stats st;
	struct timespec start;
	unsigned long long seed = 0;
	int i, rc, have_seed = 0, demo = 0;
	char pw[256], *end;

	memset(&o, 0, sizeof(o));
	for (i = 0; i < argc; i++) {
		int64_t *dst = strcmp(argv[i], "--users") == 0 ? &o.users : strcmp(argv[i], "--orders") == 0
		    ? &o.orders : strcmp(argv[i], "--batch") == 0 ? &o.batch : NULL;

		if (strcmp(argv[i], "--demo-applicant") == 0) {
			demo = 1;
		} else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			errno = 0;
			seed = strtoull(argv[++i], &end, 10);
			if (errno || end == argv[i] || *end || argv[i][0] == '-')
				break;
			have_seed = 1;
		} else if (!dst || i + 1 >= argc || parse_count(argv[++i], dst) != 0) {
			break;
		}
	}
	if (i != argc || o.users < 1 || o.orders < o.users || o.orders > 50 * o.users) {
		if (i == argc && o.users >= 1 && o.orders >= 1)
			fprintf(stderr, "certdesk-admin: seed-demo gives every applicant 1-50 orders:"
			    " --orders must be between --users and 50 times --users\n");
		else
			usage();
		return 2;
	}
	if (!have_seed && crypto_random(&seed, sizeof(seed)) != 0)
		return 1;
	if (demo) {
		if (read_password(pw, sizeof(pw)) != 0)
			return 1;
		o.demo_password = pw;
	}
	o.seed = (uint64_t)seed;
	if (become_owner() != 0 || open_site(0) != 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &start);
	o.progress = seed_progress;
	o.ctx = &start;
	printf("seed-demo: %lld applicants, %lld orders, seed %llu\n", (long long)o.users,
	    (long long)o.orders, (unsigned long long)o.seed);
	rc = seed_demo(&o, &st);
	if (rc == 1) {
		fprintf(stderr, "certdesk-admin: seed-demo refused: this database holds real orders"
		    " (made by applicants, not by seed-demo); seed an empty or a seeded site only\n");
		return 1;
	}
	if (rc != 0) {
		fprintf(stderr, "certdesk-admin: seed-demo failed (batches committed so far stay)\n");
		audit_log("system", "certdesk-admin", "", "seed-demo", 0, "failed", NULL);
		return rc == 2 ? 2 : 1;
	}
	printf("seed-demo: done in %.1f s: %lld applicants, %lld orders, %lld history rows, %lld payments,"
	    " %lld invoices, %lld documents\n"
	    "seed-demo: %s; staff demo.* are disabled\n",
	    elapsed(&start), (long long)st.users, (long long)st.orders, (long long)st.history,
	    (long long)st.payments, (long long)st.invoices, (long long)st.documents,
	    demo ? "the applicants cannot sign in (no password matches), except the busiest one"
	    : "the applicants cannot sign in (no password matches)");
	printf("seed-demo: the busiest applicant is %s (%lld orders)%s\n", st.demo_mobile,
	    (long long)st.demo_orders, demo ? ", signing in with the password given" : "");
	{
		char detail[160];
		snprintf(detail, sizeof(detail), "users=%lld orders=%lld seed=%llu", (long long)st.users,
		    (long long)st.orders, (unsigned long long)o.seed);
		audit_log("system", "certdesk-admin", "", "seed-demo", 0, "ok", detail);
	}
	return 0;
}

/* reminders: prints each expiry SMS queued and counts it. */
static void print_reminder(void *ctx, int64_t order, int days, const char *expires)
{
	(*(int *)ctx)++;
	printf("order %lld: certificate expires %s: %d-day reminder queued\n", (long long)order, expires, days);
}

/* digest: prints each e-mail queued and counts it. */
static void print_digest(void *ctx, const char *login, const char *email, int waiting)
{
	(*(int *)ctx)++;
	printf("%s <%s>: %d waiting, digest queued\n", login, email, waiting);
}

/* reminders and digest (no arguments): queue what is due, print it, audit the run. Exits 0,
 * 1 when some could not be queued, 2 on bad usage. */
static int cmd_daily(const char *cmd, int argc)
{
	char detail[32];
	int n = 0, rc;

	if (argc != 0) {
		usage();
		return 2;
	}
	if (become_owner() != 0 || open_site(0) != 0)
		return 1;
	rc = strcmp(cmd, "reminders") == 0 ? reminder_run(print_reminder, &n) : digest_run(print_digest, &n);
	printf("%s: %d queued\n", cmd, n);
	snprintf(detail, sizeof(detail), "queued=%d", n);
	audit_log("system", "certdesk-admin", "", cmd, 0, rc < 0 ? "partial" : "ok", detail);
	if (rc < 0)
		fprintf(stderr, "certdesk-admin: %s: some could not be queued (see the log); a rerun sends the rest\n", cmd);
	return rc < 0 ? 1 : 0;
}

/* purge: prints each order purged (or, in a dry run, that would be). */
static void print_purged(void *ctx, const struct purge_item *it)
{
	char when[32];

	clock_format(it->closed_ms, when, sizeof(when));
	printf("order %lld (%s %s): %spersonal data and %d document(s)\n", (long long)it->order, it->status, when,
	    *(int *)ctx ? "would remove " : "removed ", it->documents);
}

/* Asks at the terminal whether to purge what a dry run just listed; 1 when answered yes. */
static int confirmed(const struct purge_stats *st)
{
	char line[16];

	if (st->orders == 0)
		return 0;
	printf("Remove the personal data and scans of these %d order(s) for good? Type yes: ", st->orders);
	fflush(stdout);
	return fgets(line, sizeof(line), stdin) && strcmp(line, "yes\n") == 0;
}

/* purge --older-than YEARS [--dry-run] [--yes]: exits 0, 1 when refused (no --yes and no
 * terminal to ask, or not confirmed) or failed, 2 on bad usage. */
static int cmd_purge(int argc, char **argv)
{
	struct purge_stats st;
	long years = 0;
	int i, dry = 0, yes = 0, rc;
	int64_t before;
	char *end, detail[96];

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0)
			dry = 1;
		else if (strcmp(argv[i], "--yes") == 0)
			yes = 1;
		else if (strcmp(argv[i], "--older-than") == 0 && i + 1 < argc && (years = strtol(argv[++i], &end, 10)) > 0
		    && !*end && years <= 100)
			continue;
		else
			break;
	}
	if (i != argc || years < 1 || years > 100) {
		fprintf(stderr, "certdesk-admin: purge --older-than YEARS (1-100) [--dry-run] [--yes]\n");
		return 2;
	}
	if (!dry && !yes && !isatty(STDIN_FILENO)) {
		fprintf(stderr, "certdesk-admin: purge removes personal data and scans for good: run it with --yes"
		    " (cron), at a terminal to be asked, or with --dry-run to list what would go\n");
		return 1;
	}
	if (become_owner() != 0 || open_site(0) != 0)
		return 1;
	before = purge_cutoff((int)years);
	if (!dry && !yes) {
		i = 1;
		if (purge_run(before, 1, print_purged, &i, &st) != 0 || !confirmed(&st)) {
			printf("purge: nothing removed\n");
			return 1;
		}
	}
	rc = purge_run(before, dry, print_purged, &dry, &st);
	printf("purge: %d order(s), %d document(s)%s; %d stored file(s) removed; %d order(s) kept: money to refund\n",
	    st.orders, st.documents, dry ? " would go (dry run, nothing removed)" : " purged", st.files, st.refunds);
	snprintf(detail, sizeof(detail), "older-than=%ld orders=%d documents=%d files=%d%s", years, st.orders,
	    st.documents, st.files, dry ? " dry-run" : "");
	audit_log("system", "certdesk-admin", "", "purge", 0, rc == 0 ? "ok" : "partial", detail);
	if (rc != 0)
		fprintf(stderr, "certdesk-admin: purge: some orders or files could not be purged (see the log); a rerun continues\n");
	return rc == 0 ? 0 : 1;
}

/* price-list and price-set. */
/* reconcile [MINUTES]: queries Alipay about unsettled trades at least MINUTES old. Exits 0,
 * 1 when Alipay is not configured or could not be asked about some (they stay for the next
 * run), 2 on bad usage. */
static int cmd_reconcile(int argc, char **argv)
{
	long minutes = 10;
	char *end;
	int asked, applied, rc;

	if (argc > 1 || (argc == 1 && ((minutes = strtol(argv[0], &end, 10)) < 0 || *end || minutes > 100000))) {
		usage();
		return 2;
	}
	if (become_owner() != 0 || open_site(0) != 0)
		return 1;
	rc = payment_reconcile((int)minutes, &asked, &applied);
	printf("asked Alipay about %d trade(s); %d payment(s) applied\n", asked, applied);
	if (rc != 0)
		fprintf(stderr, "certdesk-admin: reconcile: Alipay is not configured or did not answer for some trades\n");
	audit_log("system", "certdesk-admin", "", "reconcile", 0, rc == 0 ? "ok" : "partial", NULL);
	return rc == 0 ? 0 : 1;
}

static int cmd_price(const char *cmd, int argc, char **argv)
{
	char *end;
	long long fen = 0;
	int flat = 0;

	if (strcmp(cmd, "price-set") == 0) {
		if (argc < 4 || argc > 5 || valid_subject(argv[0]) || valid_kind(argv[1])
		    || valid_project(argv[2])) {
			fprintf(stderr, "certdesk-admin: price-set SUBJECT(enterprise|personal) KIND(new|renew|reissue)"
			    " PROJECT(bidding|procurement|both|other) FEN [flat]\n");
			return 2;
		}
		fen = strtoll(argv[3], &end, 10);
		flat = argc == 5 && strcmp(argv[4], "flat") == 0;
		if (*end || end == argv[3] || fen < 0 || (argc == 5 && !flat)) {
			fprintf(stderr, "certdesk-admin: FEN is a whole number of fen (40000 = 400.00 元)\n");
			return 2;
		}
	}
	if (become_owner() != 0 || open_site(0) != 0)
		return 1;
	if (strcmp(cmd, "price-list") == 0) {
		price_each(print_price, NULL);
		return 0;
	}
	if (price_set(argv[0], argv[1], argv[2], fen, !flat) != 0) {
		fprintf(stderr, "certdesk-admin: price-set failed\n");
		return 1;
	}
	audit_log("system", "certdesk-admin", "", "price-set", 0, "ok", argv[3]);
	return 0;
}

/* orphans: prints one line per file found (path relative to Data.Dir, size). */
static void print_orphan(void *ctx, const char *rel, long long size)
{
	printf("%s %s (%lld bytes)\n", *(int *)ctx ? "would remove" : "removing", rel, size);
}

/* orphans [--dry-run] [--grace MINUTES]: the sweep of lib/orphans.h. Exits 0, 1 when the
 * site or a directory cannot be read, 2 on bad usage. */
static int cmd_orphans(int argc, char **argv)
{
	struct orphans_count n;
	long minutes = 60;
	char *end, detail[96];
	int dry = 0, i;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0) {
			dry = 1;
		} else if (strcmp(argv[i], "--grace") == 0 && i + 1 < argc
		    && (minutes = strtol(argv[++i], &end, 10)) >= 0 && !*end && end != argv[i] && minutes <= 525600) {
			continue;
		} else {
			usage();
			return 2;
		}
	}
	if (become_owner() != 0 || open_site(0) != 0)
		return 1;
	if (orphans_sweep((int64_t)minutes * 60, !dry, print_orphan, &dry, &n) != 0) {
		fprintf(stderr, "certdesk-admin: orphans: the uploads, the tmp directory or the database could not be read\n");
		return 1;
	}
	printf("%ld file(s) under uploads; %ld orphan(s) and %ld stale temporary file(s), %lld bytes; %ld removed\n",
	    n.files, n.orphans, n.stale_tmp, n.bytes, n.removed);
	snprintf(detail, sizeof(detail), "%ld orphans, %ld stale, %ld removed", n.orphans, n.stale_tmp, n.removed);
	if (!dry)
		audit_log("system", "certdesk-admin", "", "orphans", 0, "ok", detail);
	return 0;
}

int main(int argc, char **argv)
{
	const char *config = NULL, *cmd;
	int64_t queued, sent;
	int n;

	log_init("certdesk-admin");
	umask(027);
	if (argc > 2 && strcmp(argv[1], "--config") == 0) {
		config = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 2) {
		usage();
		return 2;
	}
	cmd = argv[1];
	if (cfg_load(config) != 0)
		return 1;
	clock_set_dir(cfg_str("Data.Dir", "."));
	/* What a command queued (SMS, e-mail) goes at once where the sender runs. */
	atexit(outbox_wake);
	if (strcmp(cmd, "init") == 0)
		return cmd_init();
	if (strncmp(cmd, "staff-", 6) == 0)
		return cmd_staff(cmd, argc - 2, argv + 2);
	if ((strcmp(cmd, "backup") == 0 || strcmp(cmd, "restore") == 0) && argc == 3) {
		if (become_owner() != 0 || open_site(0) != 0)
			return 1;
		return (cmd[0] == 'b' ? backup_make(argv[2]) : backup_restore(argv[2])) == 0 ? 0 : 1;
	}
	if (strcmp(cmd, "holiday-set") == 0) {
		if (argc != 4) {
			usage();
			return 2;
		}
		if (become_owner() != 0 || open_site(0) != 0)
			return 1;
		if (workday_set(argv[2], argv[3]) != 0) {
			fprintf(stderr, "certdesk-admin: holiday-set YYYY-MM-DD off|work\n");
			return 2;
		}
		audit_log("system", "certdesk-admin", "", "holiday-set", 0, "ok", argv[2]);
		return 0;
	}
	if (strncmp(cmd, "price-", 6) == 0)
		return cmd_price(cmd, argc - 2, argv + 2);
	if (strcmp(cmd, "outbox") == 0) {
		if (become_owner() != 0 || open_site(0) != 0)
			return 1;
		n = outbox_run(1000);
		outbox_counts(&queued, &sent);
		printf("sent %d now; %lld waiting, %lld sent in all\n", n, (long long)queued,
		    (long long)sent);
		return 0;
	}
	if (strcmp(cmd, "sender") == 0) {
		if (argc != 2) {
			usage();
			return 2;
		}
		if (become_owner() != 0)
			return 1;
		return sender_run(open_existing_site);
	}
	if (strcmp(cmd, "reconcile") == 0)
		return cmd_reconcile(argc - 2, argv + 2);
	if (strcmp(cmd, "seed-demo") == 0)
		return cmd_seed_demo(argc - 2, argv + 2);
	if (strcmp(cmd, "reminders") == 0 || strcmp(cmd, "digest") == 0)
		return cmd_daily(cmd, argc - 2);
	if (strcmp(cmd, "purge") == 0)
		return cmd_purge(argc - 2, argv + 2);
	if (strcmp(cmd, "orphans") == 0)
		return cmd_orphans(argc - 2, argv + 2);
	usage();
	return 2;
}
