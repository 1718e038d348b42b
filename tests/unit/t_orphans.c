/* tests/unit/t_orphans.c: the orphan sweep keeps every file a document, an invoice or a queued e-mail names and every fresh file, lists old unreferenced uploads and stale temporary files, removes them only when asked, and never follows a symbolic link. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>
#include "tap.h"
#include "tsite.h"
#include "filestore.h"
#include "orphans.h"

static char dir[] = "/tmp/t_orphans.XXXXXX";
static char listed[2048];

/* orphans_sweep callback: appends "rel size;" to listed. */
static void collect(void *ctx, const char *rel, long long size)
{
	size_t n = strlen(listed);

	(void)ctx;
	snprintf(listed + n, sizeof(listed) - n, "%s %lld;", rel, size);
}

/* Stores text in the file store (area may be NULL) and writes its path under uploads into rel. */
static void store(const char *text, const char *area, char rel[128])
{
	char sha[65];

	if (filestore_put(text, strlen(text), area, "pdf", rel, 128, sha) != 0)
		printf("# could not store %s\n", text);
}

/* Sets the modification time of Data.Dir/rel to an hour ago. */
static void age(const char *rel)
{
	char path[700];
	struct timeval tv[2];

	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= 3600;
	tv[1] = tv[0];
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if (utimes(path, tv) != 0)
		printf("# could not age %s\n", path);
}

/* 1 when Data.Dir/rel exists. */
static int exists(const char *rel)
{
	char path[700];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return lstat(path, &st) == 0;
}

int main(void)
{
	char doc[128], old_doc[128], inv[128], mail[128], orphan[128], fresh[128], inv_orphan[128];
	char rel[200], up[700], link_path[700], tmp_path[700], want[1024];
	struct orphans_count n;
	int64_t user, order, outbox;
	FILE *f;

	if (tsite_open(dir) != 0) {
		printf("1..0 # SKIP cannot create a site\n");
		return 0;
	}
	user = tsite_add_user("13800138000");
	order = tsite_add_order(user, "pending", "unpaid", 65000);
	store("current document", NULL, doc);
	store("earlier document", NULL, old_doc);
	store("invoice file", "invoices", inv);
	store("mailed file", "invoices", mail);
	store("orphan upload", NULL, orphan);
	store("fresh orphan", NULL, fresh);
	store("orphan invoice", "invoices", inv_orphan);
	ok(db_exec("INSERT INTO documents (order_id, slot, sha256, path, ctype, size, created_ms, current)"
	    " VALUES (?, 'license', 'x', ?, 'application/pdf', 16, 0, 1), (?, 'license', 'y', ?, 'application/pdf', 16, 0, 0)",
	    "itit", order, doc, order, old_doc) == 2, "two documents of an order, the current and an earlier one");
	ok(db_exec("INSERT INTO invoices (order_id, user_id, type, status, amount_fen, title_kind, name, email,"
	    " file_path, requested_ms) VALUES (?, ?, 'normal', 'issued', 65000, 'personal', '张三', 'a@example.com', ?, 0)",
	    "iit", order, user, inv) == 1, "an issued invoice with its file");
	ok(db_exec("INSERT INTO outbox (kind, recipient, body, created_ms, due_ms) VALUES ('mail', 'a@example.com',"
	    " 'x', 0, 0)", "") == 1, "a queued e-mail");
	outbox = db_int("SELECT max(id) FROM outbox", 0, "");
	snprintf(rel, sizeof(rel), "uploads/%s", mail);
	ok(db_exec("INSERT INTO outbox_files (outbox_id, path, name, ctype) VALUES (?, ?, 'f.pdf', 'application/pdf')",
	    "it", outbox, rel) == 1, "whose attachment is a stored file");

	/* Everything but the fresh orphan is an hour old; a stale and a fresh temporary file. */
	for (const char *r[] = { doc, old_doc, inv, mail, orphan, inv_orphan, NULL }, **p = r; *p; p++) {
		snprintf(rel, sizeof(rel), "uploads/%s", *p);
		age(rel);
	}
	snprintf(tmp_path, sizeof(tmp_path), "%s/tmp/store-abc123", dir);
	f = fopen(tmp_path, "w");
	fputs("half", f);
	fclose(f);
	age("tmp/store-abc123");
	snprintf(tmp_path, sizeof(tmp_path), "%s/tmp/store-inflight", dir);
	f = fopen(tmp_path, "w");
	fclose(f);
	/* A symbolic link to a file outside: never followed, never removed. */
	snprintf(up, sizeof(up), "%s/uploads/link.pdf", dir);
	snprintf(link_path, sizeof(link_path), "%s/certdesk.hdf", dir);
	ok(symlink(link_path, up) == 0, "a symbolic link sits in uploads");

	listed[0] = '\0';
	is_int(orphans_sweep(1800, 0, collect, NULL, &n), 0, "a dry run succeeds");
	snprintf(want, sizeof(want), "uploads/%s 13;uploads/%s 14;tmp/store-abc123 4;", orphan, inv_orphan);
	is_str(listed, want, "it lists the old unreferenced upload and invoice, then the stale temporary file");
	is_int(n.files, 7, "seven files under uploads (the link is none)");
	is_int(n.orphans, 2, "two orphans");
	is_int(n.stale_tmp, 1, "one stale temporary file");
	is_int(n.bytes, 31, "their bytes");
	is_int(n.removed, 0, "nothing removed on a dry run");
	snprintf(rel, sizeof(rel), "uploads/%s", orphan);
	ok(exists(rel), "the orphan is still there");

	listed[0] = '\0';
	is_int(orphans_sweep(1800, 1, NULL, NULL, &n), 0, "the real sweep succeeds");
	is_int(n.removed, 3, "and removes the three");
	ok(!exists(rel), "the orphan upload is gone");
	snprintf(rel, sizeof(rel), "uploads/%s", inv_orphan);
	ok(!exists(rel), "so is the orphan invoice file");
	ok(!exists("tmp/store-abc123"), "and the stale temporary file");
	ok(exists("tmp/store-inflight"), "a fresh temporary file stays (an upload in flight)");
	snprintf(rel, sizeof(rel), "uploads/%s", fresh);
	ok(exists(rel), "a fresh unreferenced upload stays (its row may be about to commit)");
	{
		int kept = 1;
		for (const char *r[] = { doc, old_doc, inv, mail, NULL }, **p = r; *p; p++) {
			snprintf(rel, sizeof(rel), "uploads/%s", *p);
			kept &= exists(rel);
		}
		ok(kept, "every file a row names stays: current and earlier documents, invoice, e-mail attachment");
	}
	ok(exists("uploads/link.pdf") && exists("certdesk.hdf"), "the link and its target stay");
	snprintf(rel, sizeof(rel), "tmp/orphan-%ld", (long)getpid());
	ok(!exists(rel), "no quarantine file is left behind");

	snprintf(rel, sizeof(rel), "uploads/%s", fresh);
	age(rel);
	is_int(orphans_sweep(1800, 1, NULL, NULL, &n), 0, "once the fresh orphan is old too");
	is_int(n.orphans, 1, "the next sweep finds it");
	ok(!exists(rel), "and removes it");
	is_int(n.files, 5, "five files were under uploads");
	tsite_close(dir);
	return done_testing();
}
