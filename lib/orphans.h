/* lib/orphans.h: finding and removing what a killed or failed request left on disk: files under Data.Dir/uploads no row refers to, and stale files in Data.Dir/tmp. */
#ifndef CERTDESK_ORPHANS_H
#define CERTDESK_ORPHANS_H
#include <stdint.h>

/* What a sweep found. */
struct orphans_count {
	long files;		/* regular files under Data.Dir/uploads */
	long orphans;		/* of them: older than the grace period and referred to by no row */
	long stale_tmp;		/* regular files in Data.Dir/tmp older than the grace period */
	long long bytes;	/* the size of the orphans and stale temporary files */
	long removed;		/* how many of those were removed (0 on a dry run) */
};

/* Walks Data.Dir/uploads (symbolic links are never followed) and lists, through fn (may be
 * NULL) with its path relative to Data.Dir and its size, every regular file last modified
 * more than grace_s seconds ago that no documents.path, invoices.file_path or
 * outbox_files.path refers to, then every such file directly in Data.Dir/tmp. With remove
 * set it deletes them: an upload is first moved into Data.Dir/tmp and deleted only when
 * still old there, so a file that a request stored again meanwhile (same content, same
 * name, fresh time) is put back and never lost. Returns 0 and fills out, or -1 (logged)
 * when a directory or the database cannot be read. */
int orphans_sweep(int64_t grace_s, int remove, void (*fn)(void *ctx, const char *rel, long long size),
    void *ctx, struct orphans_count *out);
#endif
