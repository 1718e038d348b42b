/* lib/doc.c: the document slots of an order and their storage: files under Data.Dir/uploads named by SHA-256, rows in documents with history. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "doc.h"
#include "filestore.h"
#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "order.h"
#include "util.h"
#include "valid.h"

#define ORIG_NAME_MAX 255		/* bytes kept of the client's file name (display only) */

const struct doc_slot doc_slots[] = {
	{ "license",        "营业执照（副本）彩色扫描件或加盖公章复印件", DOC_JPEG | DOC_PNG, DOC_ENTERPRISE },
	{ "legal_id_front", "法人身份证 人像面",                     DOC_JPEG | DOC_PNG, DOC_ENTERPRISE },
	{ "legal_id_back",  "法人身份证 国徽面",                     DOC_JPEG | DOC_PNG, DOC_ENTERPRISE },
	{ "agent_id_front", "加盖公章的经办人身份证复印件 正面",       DOC_JPEG | DOC_PNG, DOC_ENTERPRISE },
	{ "agent_id_back",  "加盖公章的经办人身份证复印件 反面",       DOC_JPEG | DOC_PNG, DOC_ENTERPRISE },
	{ "id_front",       "身份证 人像面",                         DOC_JPEG | DOC_PNG, DOC_PERSONAL },
	{ "id_back",        "身份证 国徽面",                         DOC_JPEG | DOC_PNG, DOC_PERSONAL },
	{ "seal",           "印章图片",                              DOC_PNG,            DOC_ENTERPRISE },
	{ "agreement",      "盖章的《CFCA网上平台办理协议书》扫描件",   DOC_PDF,            DOC_ENTERPRISE | DOC_PERSONAL },
	{ "form",           "盖章的申请表扫描件",                     DOC_PDF | DOC_JPEG | DOC_PNG, DOC_ENTERPRISE | DOC_PERSONAL },
	{ "authorization",  "盖章的授权书扫描件",                     DOC_PDF | DOC_JPEG | DOC_PNG, DOC_ENTERPRISE },
	{ NULL, NULL, 0, 0 }
};

const struct doc_slot doc_transfer_slip = { "transfer_slip", "转账回单", DOC_JPEG | DOC_PNG | DOC_PDF, 0 };

const struct doc_slot *doc_slot(const char *name)
{
	const struct doc_slot *s;

	for (s = doc_slots; name && s->name; s++)
		if (strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

/* The content type and file extension of a sniffed type; NULL for none. */
static const char *type_ctype(int type)
{
	return type == DOC_JPEG ? "image/jpeg" : type == DOC_PNG ? "image/png"
	    : type == DOC_PDF ? "application/pdf" : NULL;
}

static const char *type_ext(int type)
{
	return type == DOC_JPEG ? "jpg" : type == DOC_PNG ? "png" : type == DOC_PDF ? "pdf" : NULL;
}

/* The client's file name made safe to show: its last path component, well-formed UTF-8
 * without control characters, at most ORIG_NAME_MAX bytes (cut at a character boundary).
 * Empty when nothing usable remains. */
static void clean_name(const char *name, char *out, size_t size)
{
	const char *base = name, *p;
	size_t n;

	out[0] = '\0';
	if (!name)
		return;
	for (p = name; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	if (valid_utf8_len(base, 0) < 0)
		return;
	n = strlen(base);
	if (n > ORIG_NAME_MAX)
		n = ORIG_NAME_MAX;
	while (n > 0 && ((unsigned char)base[n] & 0xc0) == 0x80)
		n--;		/* never end inside a UTF-8 sequence */
	if (n >= size)
		n = size - 1;
	memcpy(out, base, n);
	out[n] = '\0';
}

int doc_store(int64_t order, const struct doc_slot *slot, FILE *fp, const struct doc_info *info,
    const char *orig_name, const char **err)
{
	static const char *const fail = "文件保存失败，请稍后重试";
	char rel[80], sha[65];
	char name[ORIG_NAME_MAX + 1];
	const char *ctype, *ext;
	int rc;

	*err = fail;
	ctype = info ? type_ctype(info->type) : NULL;
	ext = info ? type_ext(info->type) : NULL;
	if (!slot || !fp || !ctype || !(info->type & slot->types)) {
		*err = "文件格式不符合要求";
		return -1;
	}
	/* Streamed into the store: a 10 MiB PDF never sits in the program's memory. */
	if (info->size < 0 || info->size > DOC_PDF_MAX
	    || filestore_put_file(fp, (size_t)info->size, NULL, ext, rel, sizeof(rel), sha) != 0) {
		log_error("doc_store: storing the upload failed (%ld bytes)", info->size);
		return -1;
	}
	clean_name(orig_name, name, sizeof(name));
	if (db_begin() != 0)
		goto undo;
	rc = db_exec("UPDATE documents SET current = 0 WHERE order_id = ? AND slot = ? AND current = 1",
	    "it", order, slot->name);
	if (rc < 0 || db_exec("INSERT INTO documents (order_id, slot, sha256, path, ctype, size, width,"
	    " height, orig_name, created_ms, current) VALUES (?, ?, ?, ?, ?, ?, nullif(?, 0),"
	    " nullif(?, 0), ?, ?, 1)", "ittttiiiti", order, slot->name, sha, rel, ctype,
	    (int64_t)info->size, (int64_t)info->width, (int64_t)info->height, name[0] ? name : NULL,
	    clock_now_ms()) != 1) {
		db_rollback();
		goto undo;
	}
	if (doc_slot(slot->name)) {
		/* A document of the application is a change of it: a new revision, the slot
		 * recorded, and only while the applicant may still change the order. */
		const char *items[2];
		enum order_result changed;
		items[0] = slot->name;
		items[1] = NULL;
		changed = order_changed(order, items);
		if (changed != ORDER_OK) {
			db_rollback();
			if (changed == ORDER_LOCKED || changed == ORDER_NOT_FOUND) {
				*err = "该业务单当前状态不能再修改材料";
				return -1;
			}
			goto undo;
		}
	}
	if (db_commit() != 0)
		goto undo;
	*err = NULL;
	return 0;
undo:
	/* The file stays: another row (or a concurrent upload of the same bytes) may name it.
	 * An unreferenced file is harmless; a referenced one gone would be a lost document. */
	log_error("doc_store: the row for %s could not be written", rel);
	return -1;
}

#define META_COLUMNS "id, sha256, path, ctype, size, ifnull(width, 0), ifnull(height, 0), created_ms," \
	" ifnull(orig_name, '') FROM documents"

/* Steps st (bound, selecting META_COLUMNS) and reads its row into out; 1 when there was one. */
static int read_meta(sqlite3_stmt *st, struct doc_meta *out)
{
	const char *s;

	if (sqlite3_step(st) != SQLITE_ROW)
		return 0;
	out->id = sqlite3_column_int64(st, 0);
	s = (const char *)sqlite3_column_text(st, 1);
	util_copy(out->sha256, sizeof(out->sha256), s ? s : "");
	s = (const char *)sqlite3_column_text(st, 2);
	util_copy(out->path, sizeof(out->path), s ? s : "");
	s = (const char *)sqlite3_column_text(st, 3);
	util_copy(out->ctype, sizeof(out->ctype), s ? s : "");
	out->size = (long)sqlite3_column_int64(st, 4);
	out->width = sqlite3_column_int(st, 5);
	out->height = sqlite3_column_int(st, 6);
	out->created_ms = sqlite3_column_int64(st, 7);
	s = (const char *)sqlite3_column_text(st, 8);
	util_copy(out->orig_name, sizeof(out->orig_name), s ? s : "");
	return 1;
}

int doc_current(int64_t order, const char *slot, struct doc_meta *out)
{
	sqlite3_stmt *st = db_prepare("SELECT " META_COLUMNS " WHERE order_id = ? AND slot = ? AND current = 1"
	    " AND purged_ms IS NULL");
	int found = 0;

	memset(out, 0, sizeof(*out));
	if (!st || !slot)
		return 0;
	if (db_bindv(st, "it", order, slot) == 0)
		found = read_meta(st, out);
	sqlite3_reset(st);
	return found;
}

int doc_load_id(int64_t order, int64_t id, struct doc_meta *meta, unsigned char **buf, size_t *len)
{
	sqlite3_stmt *st = db_prepare("SELECT " META_COLUMNS " WHERE order_id = ? AND id = ?");
	char path[1024];
	int found = 0;

	*buf = NULL;
	*len = 0;
	memset(meta, 0, sizeof(*meta));
	if (st && db_bindv(st, "ii", order, id) == 0)
		found = read_meta(st, meta);
	if (st)
		sqlite3_reset(st);
	if (!found || doc_abspath(meta, path, sizeof(path)) != 0)
		return -1;
	return util_read_file(path, DOC_PDF_MAX, buf, len);
}

/* 1 when rel is a path doc_store makes: two hex digits, '/', 64 hex digits, .jpg/.png/.pdf. */
static int server_made(const char *rel)
{
	static const char hex[] = "0123456789abcdef";

	return strlen(rel) == 2 + 1 + 64 + 4 && strspn(rel, hex) == 2 && rel[2] == '/'
	    && strspn(rel + 3, hex) == 64 && strncmp(rel, rel + 3, 2) == 0
	    && (strcmp(rel + 67, ".jpg") == 0 || strcmp(rel + 67, ".png") == 0
	        || strcmp(rel + 67, ".pdf") == 0);
}

int doc_abspath(const struct doc_meta *doc, char *out, size_t size)
{
	char rel[200];

	if (!doc || !server_made(doc->path))
		return -1;
	snprintf(rel, sizeof(rel), "uploads/%s", doc->path);
	return cfg_data_path(rel, out, size);
}

int doc_missing(int64_t order, const char *subject, char *missing, size_t size)
{
	const struct doc_slot *s;
	int want, count = 0;
	size_t len = strnlen(missing, size);

	if (!subject || len >= size)
		return 0;
	want = strcmp(subject, "enterprise") == 0 ? DOC_ENTERPRISE
	    : strcmp(subject, "personal") == 0 ? DOC_PERSONAL : 0;
	for (s = doc_slots; s->name; s++) {
		if (!(s->subjects & want)
		    || db_int("SELECT count(*) FROM documents WHERE order_id = ? AND slot = ?"
		    " AND current = 1", 0, "it", order, s->name) > 0)
			continue;
		count++;
		if (len + (len ? 1 : 0) + strlen(s->name) < size)
			len += (size_t)snprintf(missing + len, size - len, "%s%s", len ? "," : "", s->name);
	}
	return count;
}

int doc_load(int64_t order, const char *slot, struct doc_meta *meta, unsigned char **buf,
    size_t *len)
{
	char path[1024];

	*buf = NULL;
	*len = 0;
	if (!doc_slot(slot) || !doc_current(order, slot, meta) || doc_abspath(meta, path, sizeof(path)) != 0)
		return -1;
	return util_read_file(path, DOC_PDF_MAX, buf, len);
}

int doc_purge_order(int64_t order, int64_t now_ms, void (*fn)(void *ctx, const char *path), void *ctx)
{
	sqlite3_stmt *st = db_prepare("SELECT DISTINCT path FROM documents WHERE order_id = ? AND purged_ms IS NULL"
	    " AND slot <> ?");

	if (!st || db_bindv(st, "it", order, doc_transfer_slip.name) != 0)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW)
		if (fn)
			fn(ctx, (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (now_ms <= 0)
		return (int)db_int("SELECT count(*) FROM documents WHERE order_id = ? AND purged_ms IS NULL AND slot <> ?",
		    -1, "it", order, doc_transfer_slip.name);
	return db_exec("UPDATE documents SET purged_ms = ?, orig_name = NULL WHERE order_id = ? AND purged_ms IS NULL"
	    " AND slot <> ?", "iit", now_ms, order, doc_transfer_slip.name);
}

int doc_remove_unused(const char *rel)
{
	struct doc_meta meta;
	struct stat st;
	char path[1024];

	memset(&meta, 0, sizeof(meta));
	util_copy(meta.path, sizeof(meta.path), rel);
	if (doc_abspath(&meta, path, sizeof(path)) != 0)
		return -1;
	if (db_int("SELECT count(*) FROM documents WHERE path = ? AND purged_ms IS NULL", 1, "t", rel) != 0)
		return 0;
	if (stat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if ((int64_t)st.st_mtime > clock_now() - 3600)
		return 0;
	if (unlink(path) != 0) {
		log_error("doc: cannot remove %s: %s", path, strerror(errno));
		return -1;
	}
	return 1;
}
