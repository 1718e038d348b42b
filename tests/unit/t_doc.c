/* tests/unit/t_doc.c: document slots, content sniffing of real and disguised files, the per-slot checks and seal pre-flight, and storage with history on a temp database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "tap.h"
#include "tsite.h"
#include "account.h"
#include "cfg.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "doc.h"

static char dir[] = "/tmp/t_doc.XXXXXX";

/* A growable byte buffer for building test files. */
struct buf {
	unsigned char *p;
	size_t n, cap;
};

static void put(struct buf *b, const void *data, size_t n)
{
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->n + n)
			cap *= 2;
		b->p = realloc(b->p, cap);
		if (!b->p)
			abort();
		b->cap = cap;
	}
	memcpy(b->p + b->n, data, n);
	b->n += n;
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void put32(struct buf *b, unsigned long v)
{
	unsigned char x[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
		(unsigned char)(v >> 8), (unsigned char)v };
	put(b, x, 4);
}

static void put16(struct buf *b, unsigned v)
{
	unsigned char x[2] = { (unsigned char)(v >> 8), (unsigned char)v };
	put(b, x, 2);
}

/* Appends one PNG chunk (length, type, data, CRC; bad_crc flips the CRC). */
static void png_chunk(struct buf *b, const char *type, const void *data, size_t n, int bad_crc)
{
	uLong crc = crc32(0L, Z_NULL, 0);

	put32(b, (unsigned long)n);
	put(b, type, 4);
	if (n)
		put(b, data, n);
	crc = crc32(crc, (const Bytef *)type, 4);
	if (n)
		crc = crc32(crc, data, (uInt)n);
	put32(b, bad_crc ? crc ^ 0xffffffffUL : crc);
}

/* Pixel colours of the generated images. */
enum paint { P_RED_ON_WHITE, P_BLUE_ON_WHITE, P_RED_ON_CLEAR, P_WHITE, P_GRAY };

/* The RGBA colour of pixel (x, y) of a w×h image painted as p: a ring and a bar of ink. */
static void pixel(enum paint p, int x, int y, int w, int h, unsigned char out[4])
{
	int cx = w / 2, cy = h / 2, r = (w < h ? w : h) / 2 - 2;
	long d2 = (long)(x - cx) * (x - cx) + (long)(y - cy) * (y - cy);
	int ink = (d2 <= (long)r * r && d2 >= (long)(r - 6) * (r - 6)) || (y > cy - 3 && y < cy + 3 && x > cx - r / 2 && x < cx + r / 2);

	if (p == P_GRAY) {
		out[0] = out[1] = out[2] = (unsigned char)(x * 255 / (w > 1 ? w - 1 : 1));
		out[3] = 255;
		return;
	}
	if (!ink || p == P_WHITE) {
		out[0] = out[1] = out[2] = p == P_RED_ON_CLEAR ? 0 : 255;
		out[3] = p == P_RED_ON_CLEAR ? 0 : 255;
		return;
	}
	if (p == P_BLUE_ON_WHITE) {
		out[0] = 30; out[1] = 60; out[2] = 200; out[3] = 255;
	} else {
		out[0] = 214; out[1] = 32; out[2] = 40; out[3] = 255;
	}
}

/* Options of make_png. */
struct png_opt {
	int bad_crc;		/* flip the IHDR CRC */
	size_t cut;		/* keep only this many bytes (0: all) */
	size_t pad;		/* an ancillary chunk of this many bytes before IDAT */
	int palette;		/* colour type 3 with a two-colour palette (red/white) */
	int no_iend;		/* leave IEND out */
};

/* Builds a w×h PNG painted as p into b. */
static void make_png(struct buf *b, int w, int h, enum paint p, const struct png_opt *o)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	struct png_opt none = { 0, 0, 0, 0, 0 };
	struct buf ihdr = { 0 }, raw = { 0 };
	unsigned char px[4], *z;
	uLongf zn;
	int x, y;

	if (!o)
		o = &none;
	put(b, sig, 8);
	put32(&ihdr, (unsigned long)w);
	put32(&ihdr, (unsigned long)h);
	{
		unsigned char rest[5] = { 8, (unsigned char)(o->palette ? 3 : 6), 0, 0, 0 };
		put(&ihdr, rest, 5);
	}
	png_chunk(b, "IHDR", ihdr.p, ihdr.n, o->bad_crc);
	if (o->palette) {
		static const unsigned char plte[6] = { 255, 255, 255, 214, 32, 40 };
		png_chunk(b, "PLTE", plte, sizeof(plte), 0);
	}
	if (o->pad) {
		unsigned char *zero = calloc(1, o->pad);
		png_chunk(b, "zzPd", zero, o->pad, 0);
		free(zero);
	}
	for (y = 0; y < h; y++) {
		unsigned char f = 0;
		put(&raw, &f, 1);
		for (x = 0; x < w; x++) {
			pixel(p, x, y, w, h, px);
			if (o->palette) {
				unsigned char i = px[0] == 255 ? 0 : 1;
				put(&raw, &i, 1);
			} else {
				put(&raw, px, 4);
			}
		}
	}
	zn = compressBound((uLong)raw.n);
	z = malloc(zn);
	if (!z || compress2(z, &zn, raw.p, (uLong)raw.n, 6) != Z_OK)
		abort();
	png_chunk(b, "IDAT", z, zn, 0);
	free(z);
	if (!o->no_iend)
		png_chunk(b, "IEND", NULL, 0, 0);
	if (o->cut && o->cut < b->n)
		b->n = o->cut;
	free(ihdr.p);
	free(raw.p);
}

/* Builds the header of a baseline JPEG (SOI, APP0, DQT, SOF0 w×h, DHT, SOS, data, EOI). */
static void make_jpeg(struct buf *b, int w, int h)
{
	static const unsigned char soi[2] = { 0xff, 0xd8 };
	static const unsigned char app0[18] = { 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0 };
	static const unsigned char sos[14] = { 0xff, 0xda, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0 };
	static const unsigned char eoi[2] = { 0xff, 0xd9 };
	unsigned char q[69] = { 0xff, 0xdb, 0, 67, 0 };
	unsigned char dht[33] = { 0xff, 0xc4, 0, 31, 0 };
	unsigned char data[64];
	int i;

	put(b, soi, 2);
	put(b, app0, sizeof(app0));
	for (i = 5; i < 69; i++)
		q[i] = 1;
	put(b, q, sizeof(q));
	{
		unsigned char sof[4] = { 0xff, 0xc0, 0, 17 };
		unsigned char comps[10] = { 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1 };
		put(b, sof, 4);
		put(b, "\x08", 1);
		put16(b, (unsigned)h);
		put16(b, (unsigned)w);
		put(b, comps, sizeof(comps));
	}
	dht[5] = 1;
	put(b, dht, sizeof(dht));
	put(b, sos, sizeof(sos));
	for (i = 0; i < 64; i++)
		data[i] = (unsigned char)(i * 7 + 1) == 0xff ? 0 : (unsigned char)(i * 7 + 1);
	put(b, data, sizeof(data));
	put(b, eoi, 2);
}

/* Builds a small PDF; eof 0 leaves the %%EOF trailer out; pad adds a stream of that size. */
static void make_pdf(struct buf *b, const char *version, int eof, size_t pad)
{
	char head[32];

	snprintf(head, sizeof(head), "%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n", version);
	puts_(b, head);
	puts_(b, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	if (pad) {
		char *zero = malloc(pad);
		memset(zero, 'x', pad);
		puts_(b, "3 0 obj\n<< /Length 0 >>\nstream\n");
		put(b, zero, pad);
		puts_(b, "\nendstream\nendobj\n");
		free(zero);
	}
	puts_(b, "trailer\n<< /Root 1 0 R >>\n");
	if (eof)
		puts_(b, "%%EOF\n");
}

/* Writes b to dir/name and opens it for reading; frees b. */
static FILE *file_of(struct buf *b, const char *name)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f)
		abort();
	if (b->n)
		fwrite(b->p, 1, b->n, f);
	fclose(f);
	free(b->p);
	memset(b, 0, sizeof(*b));
	return fopen(path, "rb");
}

/* Sniffs the file and closes it; returns doc_sniff's result with info filled. */
static int sniff_of(FILE *f, struct doc_info *info)
{
	int rc = doc_sniff(f, info);
	fclose(f);
	return rc;
}

/* Sniffs then checks the file against slot; closes it. Returns doc_check's message. */
static const char *check_of(FILE *f, const char *slot, struct doc_info *info)
{
	const char *msg;

	doc_sniff(f, info);
	msg = doc_check(doc_slot(slot), f, info);
	fclose(f);
	return msg;
}

static void test_slots(void)
{
	const struct doc_slot *s;
	int ent = 0, per = 0;

	for (s = doc_slots; s->name; s++) {
		ent += !!(s->subjects & DOC_ENTERPRISE);
		per += !!(s->subjects & DOC_PERSONAL);
	}
	is_int(ent, 9, "enterprise orders need nine slots");
	is_int(per, 4, "personal orders need four slots");
	ok(doc_slot("license") && strstr(doc_slot("license")->label, "营业执照"), "license is 营业执照");
	is_int(doc_slot("seal")->types, DOC_PNG, "the seal takes PNG only");
	is_int(doc_slot("agreement")->types, DOC_PDF, "the agreement takes PDF only");
	is_int(doc_slot("form")->types, DOC_PDF | DOC_JPEG | DOC_PNG, "the form takes PDF, JPG and PNG");
	ok(doc_slot("authorization")->subjects == DOC_ENTERPRISE, "the authorization is for enterprises");
	ok(doc_slot("nope") == NULL && doc_slot(NULL) == NULL, "unknown slots are NULL");
}

static void test_sniff(void)
{
	struct buf b = { 0 };
	struct doc_info info;
	struct png_opt o;
	const char *msg;

	make_jpeg(&b, 640, 480);
	is_int(sniff_of(file_of(&b, "photo.jpg"), &info), 0, "a JPEG is recognised");
	ok(info.type == DOC_JPEG && info.width == 640 && info.height == 480, "with its size from SOF0");
	make_png(&b, 30, 20, P_RED_ON_WHITE, NULL);
	is_int(sniff_of(file_of(&b, "pic.png"), &info), 0, "a PNG is recognised");
	ok(info.type == DOC_PNG && info.width == 30 && info.height == 20, "with its size from IHDR");
	make_pdf(&b, "1.7", 1, 0);
	is_int(sniff_of(file_of(&b, "doc.pdf"), &info), 0, "a PDF is recognised");
	ok(info.type == DOC_PDF && info.width == 0 && info.size > 0, "as PDF, with its size");

	/* Disguises: the name never matters. */
	make_png(&b, 30, 20, P_RED_ON_WHITE, NULL);
	msg = check_of(file_of(&b, "renamed.pdf"), "agreement", &info);
	is_int(info.type, DOC_PNG, "a PNG named .pdf is still PNG");
	ok(msg && strstr(msg, "PDF"), "and the agreement slot refuses it");
	make_pdf(&b, "1.4", 1, 0);
	msg = check_of(file_of(&b, "scan.jpg"), "license", &info);
	is_int(info.type, DOC_PDF, "a PDF named .jpg is still PDF");
	ok(msg && strstr(msg, "JPG"), "and the license slot refuses it");
	make_jpeg(&b, 100, 100);
	msg = check_of(file_of(&b, "seal.png"), "seal", &info);
	ok(info.type == DOC_JPEG && msg && strstr(msg, "PNG"), "a JPEG named .png is refused as the seal");
	puts_(&b, "<html><script>alert(1)</script></html>");
	msg = check_of(file_of(&b, "evil.png"), "form", &info);
	ok(info.type == 0 && msg && strstr(msg, "无法识别"), "HTML named .png is not recognised");
	puts_(&b, "%PDF-1.4\n<html>");
	ok(sniff_of(file_of(&b, "half.pdf"), &info) != 0, "a PDF header without %%EOF is refused");
	make_pdf(&b, "1.9", 1, 0);
	ok(sniff_of(file_of(&b, "v19.pdf"), &info) != 0, "%PDF-1.9 is not a PDF version");
	ok(sniff_of(file_of(&b, "empty.jpg"), &info) != 0 && info.size == 0, "an empty file is refused");

	/* Damaged headers. */
	memset(&o, 0, sizeof(o));
	o.cut = 20;
	make_png(&b, 30, 20, P_RED_ON_WHITE, &o);
	ok(sniff_of(file_of(&b, "cut.png"), &info) != 0 && info.type == 0, "a PNG cut inside IHDR is refused");
	memset(&o, 0, sizeof(o));
	o.bad_crc = 1;
	make_png(&b, 30, 20, P_RED_ON_WHITE, &o);
	ok(sniff_of(file_of(&b, "crc.png"), &info) != 0, "a PNG with a bad IHDR CRC is refused");
	memset(&o, 0, sizeof(o));
	o.no_iend = 1;
	make_png(&b, 30, 20, P_RED_ON_WHITE, &o);
	ok(sniff_of(file_of(&b, "noend.png"), &info) != 0, "a PNG without IEND (truncated) is refused");
	make_png(&b, 30, 20, P_RED_ON_WHITE, NULL);
	b.n -= 30;
	ok(sniff_of(file_of(&b, "short.png"), &info) != 0, "a PNG cut inside IDAT is refused");
	make_jpeg(&b, 640, 480);
	b.n = 100;		/* inside the frame header (bytes 89-107) */
	ok(sniff_of(file_of(&b, "cut.jpg"), &info) != 0, "a JPEG cut before its scan is refused");
	make_jpeg(&b, 640, 0);
	ok(sniff_of(file_of(&b, "zero.jpg"), &info) != 0, "a JPEG of height 0 is refused");
	puts_(&b, "\xff\xd8\xff\xd9\xff\xd9\xff\xd9");
	ok(sniff_of(file_of(&b, "eoi.jpg"), &info) != 0, "a JPEG that ends before any frame is refused");
	ok(doc_sniff(NULL, &info) != 0, "no file is not sniffed");
}

static void test_limits(void)
{
	struct buf b = { 0 };
	struct doc_info info;
	struct png_opt o;
	const char *msg;

	memset(&o, 0, sizeof(o));
	o.pad = 20 * 1024 * 1024;
	make_png(&b, 64, 64, P_GRAY, &o);
	msg = check_of(file_of(&b, "huge.png"), "license", &info);
	ok(info.type == DOC_PNG && info.size > 20L * 1024 * 1024, "a 20 MiB PNG sniffs as PNG");
	ok(msg && strstr(msg, "5MB"), "but is refused by size");
	make_pdf(&b, "1.5", 1, 6 * 1024 * 1024);
	msg = check_of(file_of(&b, "big.pdf"), "agreement", &info);
	ok(info.type == DOC_PDF && msg == NULL, "a 6 MiB PDF is within the PDF limit");
	make_pdf(&b, "1.5", 1, 11 * 1024 * 1024);
	msg = check_of(file_of(&b, "huge.pdf"), "form", &info);
	ok(msg && strstr(msg, "10MB"), "an 11 MiB PDF is refused");
	make_jpeg(&b, 2000, 1500);
	msg = check_of(file_of(&b, "ok.jpg"), "license", &info);
	is_str(msg, NULL, "a small JPEG is a fine license scan");
}

static void test_seal(void)
{
	struct buf b = { 0 };
	struct doc_info info;
	struct png_opt o;
	const char *msg;

	make_png(&b, 201, 200, P_RED_ON_WHITE, NULL);
	msg = check_of(file_of(&b, "wide.png"), "seal", &info);
	is_str(msg, "印章图片须为PNG格式，且不超过200×200像素", "a 201×200 seal is refused");
	make_png(&b, 200, 201, P_RED_ON_WHITE, NULL);
	msg = check_of(file_of(&b, "tall.png"), "seal", &info);
	ok(msg != NULL, "a 200×201 seal is refused");
	make_png(&b, 200, 200, P_RED_ON_WHITE, NULL);
	msg = check_of(file_of(&b, "red.png"), "seal", &info);
	is_str(msg, NULL, "red ink on white (200×200) is accepted");
	make_png(&b, 120, 120, P_RED_ON_CLEAR, NULL);
	msg = check_of(file_of(&b, "clear.png"), "seal", &info);
	is_str(msg, NULL, "red ink on a transparent background is accepted");
	memset(&o, 0, sizeof(o));
	o.palette = 1;
	make_png(&b, 150, 150, P_RED_ON_WHITE, &o);
	msg = check_of(file_of(&b, "palette.png"), "seal", &info);
	is_str(msg, NULL, "a palette PNG with red ink is accepted");
	make_png(&b, 150, 150, P_BLUE_ON_WHITE, NULL);
	msg = check_of(file_of(&b, "blue.png"), "seal", &info);
	is_str(msg, "印章图片应为白底或透明底上的红色印章", "blue ink is refused");
	make_png(&b, 150, 150, P_WHITE, NULL);
	msg = check_of(file_of(&b, "blank.png"), "seal", &info);
	ok(msg != NULL, "a blank white image (no ink) is refused");
	make_png(&b, 150, 150, P_GRAY, NULL);
	msg = check_of(file_of(&b, "gray.png"), "seal", &info);
	ok(msg != NULL, "a gray gradient is refused");
	make_png(&b, 150, 150, P_BLUE_ON_WHITE, NULL);
	msg = check_of(file_of(&b, "blue-license.png"), "license", &info);
	is_str(msg, NULL, "the colour rule applies to the seal only");
}

/* Counts the regular files directly in dir/sub. */
static int files_in(const char *sub)
{
	char cmd[400], line[64];
	FILE *p;
	int n = -1;

	snprintf(cmd, sizeof(cmd), "find %s/%s -type f | wc -l", dir, sub);
	p = popen(cmd, "r");
	if (p && fgets(line, sizeof(line), p))
		n = atoi(line);
	if (p)
		pclose(p);
	return n;
}

/* Reads a whole small file into a malloc'd buffer. */
static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p;
	long size;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	p = malloc(size > 0 ? (size_t)size : 1);
	*n = p ? fread(p, 1, (size_t)size, f) : 0;
	fclose(f);
	return p;
}

static void test_store(void)
{
	const char *const jpg_name = "C:\\fakepath\\营业执照 副本.jpg";
	struct buf b = { 0 }, orig = { 0 };
	struct doc_info info;
	struct doc_meta meta, first;
	const char *err = NULL;
	char missing[512], path[1024], sha[65], want[80];
	unsigned char *got;
	size_t n;
	int64_t user, ent = 1000001, per = 1000002;
	FILE *f;
	struct stat st;

	user = acct_create("13900001111", "Secret2024ab");
	ok(user > 0, "an applicant exists");
	ok(db_exec("INSERT INTO orders (id, user_id, subject, kind, project, years, created_ms, updated_ms)"
	    " VALUES (?, ?, 'enterprise', 'new', 'bidding', 1, 0, 0), (?, ?, 'personal', 'new', 'other', 1, 0, 0)",
	    "iiii", ent, user, per, user) == 2, "two orders exist");

	missing[0] = '\0';
	is_int(doc_missing(ent, "enterprise", missing, sizeof(missing)), 9, "a new enterprise order misses nine documents");
	is_str(missing, "license,legal_id_front,legal_id_back,agent_id_front,agent_id_back,seal,agreement,form,authorization",
	    "named in display order");
	strcpy(missing, "org_name");
	is_int(doc_missing(per, "personal", missing, sizeof(missing)), 4, "a personal order misses four");
	is_str(missing, "org_name,id_front,id_back,agreement,form", "appended after what the list held");
	strcpy(missing, "x");
	is_int(doc_missing(per, "personal", missing, 20), 4, "a short buffer still counts every missing slot");
	is_str(missing, "x,id_front,id_back", "and holds only whole names");
	ok(!doc_current(ent, "license", &meta), "no current license yet");

	make_jpeg(&b, 800, 600);
	put(&orig, b.p, b.n);
	f = file_of(&b, "license.jpg");
	doc_sniff(f, &info);
	fseek(f, 10, SEEK_SET);		/* doc_store reads from the start whatever the position */
	is_int(doc_store(ent, doc_slot("license"), f, &info, jpg_name, &err), 0, "a license scan is stored");
	is_str(err, NULL, "without an error");
	fclose(f);
	ok(doc_current(ent, "license", &meta), "it is the current license");
	crypto_sha256_hex(orig.p, orig.n, sha);
	is_str(meta.sha256, sha, "named by its SHA-256");
	snprintf(want, sizeof(want), "%.2s/%s.jpg", sha, sha);
	is_str(meta.path, want, "under uploads/<first two hex>/<sha256>.jpg");
	is_str(meta.ctype, "image/jpeg", "with its sniffed type");
	ok(meta.size == (long)orig.n && meta.width == 800 && meta.height == 600, "size and dimensions kept");
	is_str(meta.orig_name, "营业执照 副本.jpg", "the client's name is kept for display, without its path");
	ok(meta.created_ms > 0, "with its upload time");
	ok(doc_abspath(&meta, path, sizeof(path)) == 0 && strstr(path, "/uploads/") != NULL, "its absolute path is under Data.Dir/uploads");
	got = slurp(path, &n);
	ok(got && n == orig.n && memcmp(got, orig.p, n) == 0, "the stored bytes are identical");
	free(got);
	snprintf(path, sizeof(path), "%s/uploads/%.2s", dir, sha);
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0750, "its directory is mode 0750");
	is_int(files_in("tmp"), 0, "no temp file is left behind");
	first = meta;

	make_png(&b, 40, 30, P_GRAY, NULL);
	f = file_of(&b, "license2.png");
	doc_sniff(f, &info);
	is_int(doc_store(ent, doc_slot("license"), f, &info, "\xff\xfe.png", &err), 0, "a replacement is stored");
	fclose(f);
	ok(doc_current(ent, "license", &meta) && strcmp(meta.ctype, "image/png") == 0, "the replacement is current");
	is_str(meta.orig_name, "", "a name that is not UTF-8 is dropped");
	ok(meta.id != first.id, "as a new row");
	is_int(db_int("SELECT count(*) FROM documents WHERE order_id = ? AND slot = 'license'", -1, "i", ent), 2,
	    "history: two rows for the slot");
	is_int(db_int("SELECT count(*) FROM documents WHERE order_id = ? AND slot = 'license' AND current = 1", -1,
	    "i", ent), 1, "one of them current");
	ok(doc_abspath(&first, path, sizeof(path)) == 0 && access(path, R_OK) == 0, "the earlier file is kept");

	put(&b, orig.p, orig.n);
	f = file_of(&b, "same.jpg");
	doc_sniff(f, &info);
	is_int(doc_store(per, doc_slot("id_front"), f, &info, NULL, &err), 0, "the same bytes for another order");
	fclose(f);
	ok(doc_current(per, "id_front", &meta) && strcmp(meta.path, first.path) == 0, "share one file");

	make_png(&b, 40, 30, P_GRAY, NULL);
	f = file_of(&b, "wrong.png");
	doc_sniff(f, &info);
	ok(doc_store(per, doc_slot("agreement"), f, &info, NULL, &err) != 0 && err, "a PNG is not stored as the agreement");
	fclose(f);
	ok(!doc_current(per, "agreement", &meta), "and nothing is current there");

	missing[0] = '\0';
	is_int(doc_missing(ent, "enterprise", missing, sizeof(missing)), 8, "with a license, eight are missing");
	ok(strstr(missing, "license") == NULL && strstr(missing, "seal") != NULL, "license is no longer listed");
	is_int(doc_missing(per, "personal", missing, sizeof(missing)), 3, "the personal order misses three");
	is_int(doc_missing(per, "bogus", missing, sizeof(missing)), 0, "an unknown subject needs nothing");

	memset(&meta, 0, sizeof(meta));
	strcpy(meta.path, "../../etc/passwd");
	ok(doc_abspath(&meta, path, sizeof(path)) != 0, "a path doc_store did not make is refused");
	strcpy(meta.path, first.path);
	meta.path[0] = meta.path[0] == 'a' ? 'b' : 'a';
	ok(doc_abspath(&meta, path, sizeof(path)) != 0, "a directory that does not match the hash is refused");
	free(orig.p);
}

int main(void)
{
	if (tsite_open(dir) != 0)
		return 1;
	test_slots();
	test_sniff();
	test_limits();
	test_seal();
	test_store();
	tsite_close(dir);
	return done_testing();
}
