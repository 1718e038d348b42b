/* lib/doc.h: the documents of an order: slots, content sniffing, storage under Data.Dir/uploads with history, serving. */
#ifndef CERTDESK_DOC_H
#define CERTDESK_DOC_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Content types judged from the bytes (never from the name or the browser's claim). */
#define DOC_JPEG 0x1
#define DOC_PNG  0x2
#define DOC_PDF  0x4

/* Which subjects need a slot. */
#define DOC_ENTERPRISE 0x1
#define DOC_PERSONAL   0x2

#define DOC_IMAGE_MAX (5 * 1024 * 1024)		/* 5 MiB an image */
#define DOC_PDF_MAX (10 * 1024 * 1024)		/* 10 MiB a PDF */
#define DOC_SEAL_MAX_PX 200			/* the seal image is at most 200×200 */

/* One document slot of SPEC §4's table. */
struct doc_slot {
	const char *name;	/* form value of `slot`, e.g. "license" */
	const char *label;	/* 营业执照（副本）彩色扫描件或加盖公章复印件 */
	int types;		/* DOC_JPEG | DOC_PNG | DOC_PDF allowed */
	int subjects;		/* DOC_ENTERPRISE and/or DOC_PERSONAL: required for them */
};

/* The slots in display order, ended by a NULL name. */
extern const struct doc_slot doc_slots[];

/* The remittance slip of a transfer claim (转账回单): stored like a document, never one of
 * the application's slots. */
extern const struct doc_slot doc_transfer_slip;
/* The slot named name, or NULL. */
const struct doc_slot *doc_slot(const char *name);

/* What sniffing found in a file. */
struct doc_info {
	int type;		/* DOC_JPEG, DOC_PNG or DOC_PDF; 0 when none of them */
	long size;		/* bytes */
	int width, height;	/* images: from the JPEG SOF or PNG IHDR (0 for PDF) */
};

/* Sniffs fp (from its start) into info: the magic bytes and a successful header parse
 * (JPEG markers up to the frame header, PNG signature + IHDR with its CRC, PDF header
 * %PDF-1.x and a %%EOF trailer). Returns 0 when the type is recognised, else -1. */
int doc_sniff(FILE *fp, struct doc_info *info);

/* Checks a sniffed file against slot: allowed type, size limit (5 MiB images, 10 MiB
 * PDF), and for the seal PNG the 200×200 limit and the seal pre-flight (mostly red ink on
 * a white or transparent background). NULL when acceptable, else a Chinese message. */
const char *doc_check(const struct doc_slot *slot, FILE *fp, const struct doc_info *info);

/* Stores fp as the current document of slot for order: copied under Data.Dir/uploads
 * by a server-made name (its SHA-256), the row written with its metadata; the slot's
 * previous document stays, no longer current. Returns 0, or -1 with *err set (Chinese). */
int doc_store(int64_t order, const struct doc_slot *slot, FILE *fp, const struct doc_info *info,
    const char *orig_name, const char **err);

/* The current document of a slot. */
struct doc_meta {
	int64_t id;
	char sha256[65];
	char path[128];		/* relative to Data.Dir/uploads */
	char ctype[20];
	long size;
	int width, height;
	int64_t created_ms;
	char orig_name[256];
};

/* Loads the current document of slot for order (not purged); 1 when there is one. */
int doc_current(int64_t order, const char *slot, struct doc_meta *out);

/* Reads document id of order (any slot, current or not: e.g. the slip a payment names)
 * into a malloc'd buffer, with its metadata. Returns 0, or -1 when there is none. */
int doc_load_id(int64_t order, int64_t id, struct doc_meta *meta, unsigned char **buf, size_t *len);
/* Writes the absolute path of a stored document into out; 0 or -1. */
int doc_abspath(const struct doc_meta *doc, char *out, size_t size);

/* Appends to missing (a NUL-terminated comma-separated list that may already hold names;
 * at most size bytes in all) the slot names that subject ("enterprise"/"personal")
 * requires and the order has no current document for. Returns how many. */
int doc_missing(int64_t order, const char *subject, char *missing, size_t size);
/* Reads the current document of slot for order into a malloc'd buffer (at most the PDF
 * limit), with its metadata. Returns 0, or -1 when there is none or it is unreadable. */
int doc_load(int64_t order, const char *slot, struct doc_meta *meta, unsigned char **buf,
    size_t *len);

/* For the retention purge, in the caller's transaction: calls fn (may be NULL) once with
 * each stored path (relative to Data.Dir/uploads) that the order's application documents
 * not yet purged name — every slot, current or replaced, but the remittance slips, which
 * stay with their payments —, then marks those rows purged at now_ms, forgetting the
 * client's file names (doc_current no longer finds them). With now_ms <= 0 nothing
 * changes (a dry run). Returns how many rows are (or would be) purged, or -1. */
int doc_purge_order(int64_t order, int64_t now_ms, void (*fn)(void *ctx, const char *path), void *ctx);

/* Removes the stored file rel (relative to Data.Dir/uploads) when no document that is kept
 * (not purged) names it and it was written more than an hour ago by the clock (a newer file
 * may be an upload of the same bytes on its way to its row). Returns 1 when removed, 0
 * when kept (or already gone), -1 on error or a path the store does not make. */
int doc_remove_unused(const char *rel);
#endif
