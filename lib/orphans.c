/* lib/orphans.c: the orphan sweep: old unreferenced uploads (found with a temporary table checked against every table that names a file) and stale temporary files. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cfg.h"
#include "db.h"
#include "log.h"
#include "orphans.h"

/* uploads/<area>/<ab>/<file>: deeper trees are not the file store's. */
#define MAX_DEPTH 3

/* One sweep's settings and tallies. */
struct sweep {
	time_t before;		/* files modified at or after this are spared */
	int remove;
	void (*fn)(void *ctx, const char *rel, long long size);
	void *ctx;
	struct orphans_count *out;
	int failed;
};

/* Records each old regular file under dir (rel: its path under uploads, "" at the top) as a
 * candidate in temp.orphan_candidates, counting every file. */
static void walk(struct sweep *s, const char *dir, const char *rel, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d) {
		log_error("orphans: cannot read %s: %s", dir, strerror(errno));
		s->failed = 1;
		return;
	}
	while ((e = readdir(d)) != NULL) {
		char path[1400], sub[400];
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= (int)sizeof(path)
		    || snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", e->d_name) >= (int)sizeof(sub)
		    || lstat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode) && depth < MAX_DEPTH) {
			walk(s, path, sub, depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			s->out->files++;
			if (st.st_mtime < s->before && db_exec("INSERT OR IGNORE INTO temp.orphan_candidates"
			    " (path, size) VALUES (?, ?)", "ti", sub, (int64_t)st.st_size) < 0)
				s->failed = 1;
		}
	}
	closedir(d);
}

/* Removes the upload at path (under uploads): moved to quarantine in Data.Dir/tmp, deleted
 * there when still older than the grace period, else moved back (a request stored the same
 * bytes under the same name meanwhile). Returns 1 when it was removed. */
static int remove_upload(struct sweep *s, const char *path, const char *quarantine)
{
	struct stat st;

	if (rename(path, quarantine) != 0)
		return 0;
	if (lstat(quarantine, &st) == 0 && st.st_mtime < s->before)
		return unlink(quarantine) == 0;
	if (rename(quarantine, path) != 0)
		log_error("orphans: cannot put %s back from %s: %s", path, quarantine, strerror(errno));
	return 0;
}

/* Lists (and removes) the candidates no row refers to. */
static void sweep_uploads(struct sweep *s, const char *up, const char *tmp)
{
	sqlite3_stmt *st = db_prepare("SELECT path, size FROM temp.orphan_candidates"
	    " WHERE path NOT IN (SELECT path FROM documents)"
	    " AND path NOT IN (SELECT file_path FROM invoices WHERE file_path IS NOT NULL)"
	    " AND 'uploads/' || path NOT IN (SELECT path FROM outbox_files) ORDER BY path");
	char rel[420], path[1500], quarantine[1100];
	int rc;

	if (!st) {
		s->failed = 1;
		return;
	}
	snprintf(quarantine, sizeof(quarantine), "%s/orphan-%ld", tmp, (long)getpid());
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long size = sqlite3_column_int64(st, 1);

		db_col_text(st, 0, rel + 8, sizeof(rel) - 8);
		memcpy(rel, "uploads/", 8);
		s->out->orphans++;
		s->out->bytes += size;
		if (s->fn)
			s->fn(s->ctx, rel, size);
		snprintf(path, sizeof(path), "%s/%s", up, rel + 8);
		if (s->remove && remove_upload(s, path, quarantine))
			s->out->removed++;
	}
	if (rc != SQLITE_DONE)
		s->failed = 1;
	sqlite3_reset(st);
}

/* Lists (and removes) the old regular files directly in Data.Dir/tmp. */
static void sweep_tmp(struct sweep *s, const char *tmp)
{
	DIR *d = opendir(tmp);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		char path[1400], rel[300];
		struct stat st;

		if (e->d_name[0] == '.' || snprintf(path, sizeof(path), "%s/%s", tmp, e->d_name) >= (int)sizeof(path)
		    || lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_mtime >= s->before)
			continue;
		snprintf(rel, sizeof(rel), "tmp/%s", e->d_name);
		s->out->stale_tmp++;
		s->out->bytes += st.st_size;
		if (s->fn)
			s->fn(s->ctx, rel, st.st_size);
		if (s->remove && unlink(path) == 0)
			s->out->removed++;
	}
	closedir(d);
}

int orphans_sweep(int64_t grace_s, int remove, void (*fn)(void *ctx, const char *rel, long long size),
    void *ctx, struct orphans_count *out)
{
	struct sweep s = { time(NULL) - (time_t)grace_s, remove, fn, ctx, out, 0 };
	char up[1024], tmp[1024];

	memset(out, 0, sizeof(*out));
	if (cfg_data_path("uploads", up, sizeof(up)) != 0 || cfg_data_path("tmp", tmp, sizeof(tmp)) != 0
	    || db_exec("CREATE TEMP TABLE IF NOT EXISTS orphan_candidates (path TEXT PRIMARY KEY, size INTEGER)", "") < 0
	    || db_exec("DELETE FROM temp.orphan_candidates", "") < 0)
		return -1;
	walk(&s, up, "", 0);
	if (!s.failed)
		sweep_uploads(&s, up, tmp);
	if (!s.failed)
		sweep_tmp(&s, tmp);
	db_exec("DELETE FROM temp.orphan_candidates", "");
	return s.failed ? -1 : 0;
}
