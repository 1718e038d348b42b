/* lib/formpdf.c: the pre-filled application form and authorization letter as A4 PDF (cairo + pango), their keyed check codes and QR payloads, and the sample agreement. */
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formpdf.h"
#include "cfg.h"
#include "clock.h"
#include "crypto.h"
#include "doc.h"
#include "log.h"
#include "order.h"
#include "util.h"

/* cairo 1.16 (Debian 12) never frees the FDArray index that cairo_cff_font_read_cid_fontdict()
 * reads when a PDF embeds a CID-keyed CFF font such as Noto Sans CJK: 768 bytes per font per
 * document, fixed in later cairo. Fontconfig keeps its configuration and font patterns for
 * the life of the process (measured: no growth per PDF beyond cairo's). LeakSanitizer asks
 * the program for default suppressions through this hook (in builds without it, it is never
 * called), so ASan builds of every program that renders PDFs are not failed by those; the
 * valgrind stage needs the matching suppression (realloc in libcairo under
 * cairo_surface_finish). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libcairo.so.2\nleak:libfontconfig.so.1\n";
}

/* ...and without a "Suppressions used" summary, which would count as a sanitizer report. */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}

/* ---- check codes and QR payloads ------------------------------------------------ */

#define QR_PREFIX "CERTDESK:"

/* The letter of a document in check data and QR payloads, or 0 for an unknown one. */
static char doc_letter(enum form_doc doc)
{
	return doc == FORM_APPLICATION ? 'F' : doc == FORM_AUTHORIZATION ? 'A' : 0;
}

int form_check_code(int64_t order, enum form_doc doc, char out[9])
{
	static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	char data[32];
	unsigned char mac[32];
	uint64_t bits = 0;
	int i, n;

	if (!out || order <= 0 || !doc_letter(doc))
		return -1;
	n = snprintf(data, sizeof(data), "%lld:%c", (long long)order, doc_letter(doc));
	if (n <= 0 || (size_t)n >= sizeof(data) || crypto_mac("form-check", data, (size_t)n, mac) != 0)
		return -1;
	for (i = 0; i < 5; i++)		/* 40 bits: 8 base32 characters */
		bits = bits << 8 | mac[i];
	for (i = 0; i < 8; i++)
		out[i] = b32[(bits >> (35 - 5 * i)) & 31];
	out[8] = '\0';
	return 0;
}

int form_qr_text(int64_t order, enum form_doc doc, char *out, size_t size)
{
	char code[9];
	int n;

	if (!out || size == 0 || form_check_code(order, doc, code) != 0)
		return -1;
	n = snprintf(out, size, QR_PREFIX "%c:%lld:%s", doc_letter(doc), (long long)order, code);
	if (n <= 0 || (size_t)n >= size) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

int form_qr_verify(const char *text, int64_t *order, enum form_doc *doc)
{
	const char *p;
	enum form_doc d;
	int64_t id = 0;
	int digits = 0;
	char want[9];

	if (!text || strncmp(text, QR_PREFIX, sizeof(QR_PREFIX) - 1) != 0)
		return 0;
	p = text + sizeof(QR_PREFIX) - 1;
	if (p[0] == 'F')
		d = FORM_APPLICATION;
	else if (p[0] == 'A')
		d = FORM_AUTHORIZATION;
	else
		return 0;
	if (p[1] != ':' || p[2] == '0')
		return 0;
	for (p += 2; *p >= '0' && *p <= '9'; p++) {
		if (++digits > 19 || id > (INT64_MAX - (*p - '0')) / 10)
			return 0;
		id = id * 10 + (*p - '0');
	}
	if (digits == 0 || *p != ':' || strlen(p + 1) != 8)
		return 0;
	if (form_check_code(id, d, want) != 0 || !crypto_equal(want, p + 1, 8))
		return 0;
	if (order)
		*order = id;
	if (doc)
		*doc = d;
	return 1;
}

int form_to_hdf(int64_t order, enum form_doc doc, HDF *hdf, const char *prefix)
{
	char code[9], text[64], key[128];
	NEOERR *err;

	if (!hdf || !prefix || form_check_code(order, doc, code) != 0
	    || form_qr_text(order, doc, text, sizeof(text)) != 0)
		return -1;
	if ((size_t)snprintf(key, sizeof(key), "%s.CheckCode", prefix) >= sizeof(key))
		return -1;
	err = hdf_set_value(hdf, key, code);
	if (err == STATUS_OK) {
		snprintf(key, sizeof(key), "%s.QrText", prefix);
		err = hdf_set_value(hdf, key, text);
	}
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return -1;
	}
	return 0;
}

/* ---- page geometry and the drawing context ---------------------------------------- */

#define MM (72.0 / 25.4)
#define PAGE_W (210 * MM)
#define PAGE_H (297 * MM)
#define LEFT (20 * MM)			/* left and right margin */
#define TOP (15 * MM)
#define BOTTOM (PAGE_H - 19 * MM)	/* the content ends here; the footer is below */
#define FOOTER_Y (PAGE_H - 14 * MM)
#define WIDTH (PAGE_W - 2 * LEFT)
#define FONT_FAMILY "Noto Sans CJK SC"
#define FS 10.5				/* body text (五号) */
#define ROW_H 22.0			/* minimum table row height */
#define PAD_X 6.0
#define PAD_Y 3.5
#define LINE_INNER 0.5
#define LINE_OUTER 1.2
#define GRAY_LABEL 0.935
#define GRAY_GROUP 0.87
#define QR_SIZE 62.0			/* the QR code with its 4-module quiet zone */
#define MAX_PAGES 6
#define MAX_LINES 12			/* a paragraph is ellipsized past this many lines */
#define PDF_MAX (32 * 1024 * 1024)

/* Text flags of lay(). */
#define T_BOLD 0x01
#define T_CENTER 0x02
#define T_RIGHT 0x04
#define T_MARKUP 0x08			/* s is Pango markup made of constants and escaped values */
#define T_INDENT 0x10			/* first line indented by two characters */
#define T_LOOSE 0x20			/* extra line spacing (letters, agreement) */
#define T_TIGHT 0x40			/* reduced line spacing (vertical group labels) */
#define T_HANG 0x80			/* lines after the first indented (numbered clauses) */

/* The PDF bytes as cairo writes them. */
struct pdf_out {
	unsigned char *p;
	size_t n, cap;
	int err;
};

/* One document being laid out (dry pass: measure and count pages) or drawn. */
struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoContext *pc;
	PangoLayout *lay;
	PangoFontDescription *font;
	int dry, page, pages, err;
	double y, page_top;		/* next free position; where the page's content started */
	double hang;			/* T_HANG: how far lines after the first are indented */
	int tbl_open;			/* a table is open: its outer border is drawn at its end */
	double tbl_top;
	const char *title;		/* shown on continuation pages */
	char footer[192];		/* left part of every page's footer */
	void (*decorate)(struct pdf *p);	/* drawn first on every page (the sample's marks) */
};

static cairo_status_t out_write(void *closure, const unsigned char *data, unsigned int n)
{
	struct pdf_out *o = closure;

	if (o->err || n > PDF_MAX - o->n) {
		o->err = 1;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	if (o->n + n > o->cap) {
		size_t cap = o->cap ? o->cap : 64 * 1024;
		unsigned char *q;
		while (cap < o->n + n)
			cap *= 2;
		q = realloc(o->p, cap);
		if (!q) {
			o->err = 1;
			return CAIRO_STATUS_WRITE_ERROR;
		}
		o->p = q;
		o->cap = cap;
	}
	memcpy(o->p + o->n, data, n);
	o->n += n;
	return CAIRO_STATUS_SUCCESS;
}

/* Lays s out in the shared layout, width points wide, at size points; returns its height. */
static double lay(struct pdf *p, const char *s, double width, double size, int flags)
{
	PangoRectangle logical;
	double indent = 0;

	pango_font_description_set_size(p->font, (gint)(size * PANGO_SCALE + 0.5));
	pango_font_description_set_weight(p->font, (flags & T_BOLD) ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(p->lay, p->font);
	pango_layout_set_width(p->lay, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(p->lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(p->lay, (flags & T_CENTER) ? PANGO_ALIGN_CENTER
	    : (flags & T_RIGHT) ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	if (flags & T_INDENT)
		indent = 2 * size;
	else if (flags & T_HANG)
		indent = -p->hang;
	pango_layout_set_indent(p->lay, (int)(indent * PANGO_SCALE));
	pango_layout_set_spacing(p->lay, (flags & T_LOOSE) ? (int)(size * 0.42 * PANGO_SCALE) : 0);
	pango_layout_set_line_spacing(p->lay, (flags & T_TIGHT) ? 0.82f : 0.0f);
	pango_layout_set_height(p->lay, -MAX_LINES);
	pango_layout_set_ellipsize(p->lay, PANGO_ELLIPSIZE_END);
	pango_layout_set_attributes(p->lay, NULL);
	if (flags & T_MARKUP)
		pango_layout_set_markup(p->lay, s, -1);
	else
		pango_layout_set_text(p->lay, s, -1);
	pango_layout_get_extents(p->lay, NULL, &logical);
	return (double)logical.height / PANGO_SCALE;
}

/* The width of the current layout's text. */
static double lay_width(struct pdf *p)
{
	PangoRectangle logical;

	pango_layout_get_extents(p->lay, NULL, &logical);
	return (double)logical.width / PANGO_SCALE;
}

/* Draws the current layout at (x, y) in the colour (r, g, b). */
static void show_rgb(struct pdf *p, double x, double y, double r, double g, double b)
{
	if (p->dry)
		return;
	cairo_new_path(p->cr);
	cairo_set_source_rgb(p->cr, r, g, b);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->lay);
	cairo_new_path(p->cr);
}

static void show(struct pdf *p, double x, double y, double gray)
{
	show_rgb(p, x, y, gray, gray, gray);
}

/* Lays out and draws s; returns its height. */
static double text(struct pdf *p, const char *s, double x, double y, double width, double size,
    int flags, double gray)
{
	double h = lay(p, s, width, size, flags);

	show(p, x, y, gray);
	return h;
}

/* A rectangle filled with gray (fill < 0: not filled) and stroked line points wide (0: not). */
static void rect(struct pdf *p, double x, double y, double w, double h, double fill, double line)
{
	if (p->dry)
		return;
	cairo_new_path(p->cr);
	cairo_rectangle(p->cr, x, y, w, h);
	if (fill >= 0) {
		cairo_set_source_rgb(p->cr, fill, fill, fill);
		cairo_fill_preserve(p->cr);
	}
	if (line > 0) {
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		cairo_set_line_width(p->cr, line);
		cairo_stroke_preserve(p->cr);
	}
	cairo_new_path(p->cr);
}

/* A horizontal rule from x0 to x1 at y. */
static void hline(struct pdf *p, double x0, double x1, double y, double width, double gray)
{
	if (p->dry)
		return;
	cairo_new_path(p->cr);
	cairo_move_to(p->cr, x0, y);
	cairo_line_to(p->cr, x1, y);
	cairo_set_source_rgb(p->cr, gray, gray, gray);
	cairo_set_line_width(p->cr, width);
	cairo_stroke(p->cr);
}

/* The QR code of text as vector squares in a size × size box (4-module quiet zone). */
static void draw_qr(struct pdf *p, const char *payload, double x, double y, double size)
{
	QRcode *qr;
	double m;
	int r, c, run;

	if (p->dry)
		return;
	qr = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr) {
		p->err = 1;
		return;
	}
	m = size / (qr->width + 8);
	cairo_new_path(p->cr);
	for (r = 0; r < qr->width; r++)
		for (c = 0; c < qr->width; c = run) {
			for (run = c; run < qr->width && (qr->data[r * qr->width + run] & 1); run++)
				;
			if (run > c)	/* one rectangle per horizontal run of dark modules */
				cairo_rectangle(p->cr, x + (4 + c) * m, y + (4 + r) * m, (run - c) * m, m);
			else
				run = c + 1;
		}
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_fill(p->cr);
	QRcode_free(qr);
}

/* The footer: a rule, the document's line on the left, the page number on the right. */
static void footer(struct pdf *p)
{
	char right[64];

	hline(p, LEFT, LEFT + WIDTH, FOOTER_Y - 3, 0.4, 0.55);
	text(p, p->footer, LEFT, FOOTER_Y, WIDTH * 0.8, 7.5, 0, 0.35);
	snprintf(right, sizeof(right), "第 %d 页　共 %d 页", p->page, p->pages > 0 ? p->pages : p->page);
	text(p, right, LEFT, FOOTER_Y, WIDTH, 7.5, T_RIGHT, 0.35);
}

/* Starts a page: the decoration, and on continuation pages a short header line. */
static void page_begin(struct pdf *p)
{
	p->page++;
	p->y = TOP;
	if (p->decorate)
		p->decorate(p);
	if (p->page > 1 && p->title) {
		char line[160];
		snprintf(line, sizeof(line), "%s（续）", p->title);
		p->y += text(p, line, LEFT, p->y, WIDTH, 9, 0, 0.35) + 6;
	}
	p->page_top = p->y;
	if (p->tbl_open)
		p->tbl_top = p->y;
}

/* Ends a page: the open table's outer border so far, the footer, and the page itself. */
static void page_end(struct pdf *p)
{
	if (p->tbl_open && p->y > p->tbl_top)
		rect(p, LEFT, p->tbl_top, WIDTH, p->y - p->tbl_top, -1, LINE_OUTER);
	footer(p);
	if (!p->dry)
		cairo_show_page(p->cr);
}

/* Moves to a new page unless h more points fit on this one (or the page is still empty).
 * Returns 1 when it did. */
static int ensure(struct pdf *p, double h)
{
	if (p->y + h <= BOTTOM || p->y <= p->page_top + 0.5)
		return 0;
	if (p->page >= MAX_PAGES) {
		p->err = 1;
		return 0;
	}
	page_end(p);
	page_begin(p);
	return 1;
}

/* A paragraph across the content width at x (offset from LEFT), moving down. */
static void para(struct pdf *p, const char *s, double x, double size, int flags, double gray)
{
	double h = lay(p, s, WIDTH - x, size, flags);

	if (ensure(p, h))
		h = lay(p, s, WIDTH - x, size, flags);
	show(p, LEFT + x, p->y, gray);
	p->y += h;
}

/* ---- tables -------------------------------------------------------------------------- */

/* Column widths: a narrow group column, then label, value, label, value. */
struct cols {
	double g, l1, v1, l2, v2;
};

/* Draws (h > 0) into the box at (x, y, w, h) or, with h <= 0, answers the height it needs. */
typedef double (*cell_fn)(struct pdf *p, const void *ctx, double x, double y, double w, double h);

/* One table row: label l1 with value v1, and optionally label l2 with value v2 (when l2
 * is NULL, v1 spans the rest). With draw set, draw fills the v2 cell, or the whole row
 * when l1 is NULL. */
struct row {
	const char *l1, *v1, *l2, *v2;
	double min_h;
	cell_fn draw;
	const void *ctx;
};

/* The height of a row: its tallest cell plus padding, at least min_h or ROW_H. */
static double row_height(struct pdf *p, const struct cols *c, const struct row *r)
{
	double h = r->min_h > 0 ? r->min_h : ROW_H, t;

	if (!r->l1)
		t = r->draw(p, r->ctx, 0, 0, c->l1 + c->v1 + c->l2 + c->v2, 0);
	else {
		t = lay(p, r->l1, c->l1 - 2 * PAD_X, FS, T_CENTER) + 2 * PAD_Y;
		h = t > h ? t : h;
		t = lay(p, r->v1 ? r->v1 : "", (r->l2 ? c->v1 : c->v1 + c->l2 + c->v2) - 2 * PAD_X, FS, 0)
		    + 2 * PAD_Y;
		if (r->l2) {
			h = t > h ? t : h;
			t = lay(p, r->l2, c->l2 - 2 * PAD_X, FS, T_CENTER) + 2 * PAD_Y;
			h = t > h ? t : h;
			t = r->draw ? r->draw(p, r->ctx, 0, 0, c->v2, 0)
			    : lay(p, r->v2 ? r->v2 : "", c->v2 - 2 * PAD_X, FS, 0) + 2 * PAD_Y;
		}
	}
	return t > h ? t : h;
}

/* One cell: a label (shaded, centred) or a value (left), centred vertically. */
static void cell(struct pdf *p, double x, double y, double w, double h, const char *s, int label)
{
	double th;

	rect(p, x, y, w, h, label ? GRAY_LABEL : -1, LINE_INNER);
	th = lay(p, s ? s : "", w - 2 * PAD_X, FS, label ? T_CENTER : 0);
	show(p, x + PAD_X, y + (h - th) / 2, label ? 0.12 : 0);
}

static void row_draw(struct pdf *p, const struct cols *c, const struct row *r, double h)
{
	double x = LEFT + c->g, y = p->y;

	if (!r->l1) {
		r->draw(p, r->ctx, x, y, c->l1 + c->v1 + c->l2 + c->v2, h);
		return;
	}
	cell(p, x, y, c->l1, h, r->l1, 1);
	x += c->l1;
	if (!r->l2) {
		cell(p, x, y, c->v1 + c->l2 + c->v2, h, r->v1, 0);
		return;
	}
	cell(p, x, y, c->v1, h, r->v1, 0);
	x += c->v1;
	cell(p, x, y, c->l2, h, r->l2, 1);
	x += c->l2;
	if (r->draw)
		r->draw(p, r->ctx, x, y, c->v2, h);
	else
		cell(p, x, y, c->v2, h, r->v2, 0);
}

/* The group column's cell: its name written vertically, one character a line. */
static void group_draw(struct pdf *p, const struct cols *c, const char *name, double y, double h)
{
	char v[192];
	const char *s = name;
	size_t o = 0;
	double th;

	if (c->g <= 0 || h <= 0)
		return;
	while (*s && o + 8 < sizeof(v)) {
		const char *next = g_utf8_next_char(s);
		memcpy(v + o, s, (size_t)(next - s));
		o += (size_t)(next - s);
		s = next;
		if (*s)
			v[o++] = '\n';
	}
	v[o] = '\0';
	rect(p, LEFT, y, c->g, h, GRAY_GROUP, LINE_INNER);
	th = lay(p, v, c->g - 4, FS, T_CENTER | T_BOLD | T_TIGHT);
	if (th > h - 4)
		th = lay(p, v, c->g - 4, 8.5, T_CENTER | T_BOLD | T_TIGHT);
	show(p, LEFT + 2, y + (h - th) / 2, 0.1);
}

static void table_begin(struct pdf *p)
{
	p->tbl_open = 1;
	p->tbl_top = p->y;
}

static void table_end(struct pdf *p)
{
	if (p->y > p->tbl_top)
		rect(p, LEFT, p->tbl_top, WIDTH, p->y - p->tbl_top, -1, LINE_OUTER);
	p->tbl_open = 0;
}

/* A group of rows under one vertical group label, kept on one page when it fits there;
 * a group taller than a page is split between rows. */
static void section(struct pdf *p, const struct cols *c, const char *group, const struct row *rows, int n)
{
	double h[16], total = 0, top;
	int i;

	if (n > (int)nitems(h))
		n = (int)nitems(h);
	for (i = 0; i < n; i++)
		total += h[i] = row_height(p, c, &rows[i]);
	if (total <= BOTTOM - p->page_top)
		ensure(p, total);
	top = p->y;
	for (i = 0; i < n; i++) {
		if (p->y + h[i] > BOTTOM && p->y > top) {
			group_draw(p, c, group, top, p->y - top);
			if (ensure(p, h[i]))
				top = p->y;
		}
		row_draw(p, c, &rows[i], h[i]);
		p->y += h[i];
	}
	group_draw(p, c, group, top, p->y - top);
}

/* ---- the order behind a form ----------------------------------------------------------- */

struct form {
	int64_t order;
	enum form_doc doc;
	HDF *hdf;
	int personal;
	char id[24], check[9], payload[64], created[32];
	cairo_surface_t *seal;
};

/* A field of the order ("" when absent). */
static const char *fv(const struct form *f, const char *name)
{
	char key[64];

	snprintf(key, sizeof(key), "Order.%s", name);
	return hdf_get_value(f->hdf, key, "");
}

/* Looks value up in a NULL-ended table of value/label pairs; unknown values show as they are. */
static const char *label_of(const char *const *t, const char *value)
{
	for (; t[0]; t += 2)
		if (strcmp(t[0], value) == 0)
			return t[1];
	return value;
}

static const char *const org_natures[] = { "state", "国有企业", "private", "民营企业",
	"foreign", "外资企业", "public", "事业单位", "government", "机关", "social", "社会团体",
	"other", "其他", NULL };
static const char *const id_types[] = { "id_card", "居民身份证", "passport", "护照",
	"hk_macau", "港澳居民来往内地通行证", "taiwan", "台湾居民来往大陆通行证", NULL };

/* Replaces every value under Order that is not valid UTF-8 (Pango would warn and guess). */
static void sanitize(HDF *hdf)
{
	HDF *node = hdf_get_obj(hdf, "Order"), *c;
	int i;

	for (c = node ? hdf_obj_child(node) : NULL, i = 0; c && i < 256; c = hdf_obj_next(c), i++) {
		const char *v = hdf_obj_value(c);
		if (v && !g_utf8_validate(v, -1, NULL)) {
			char *fixed = g_utf8_make_valid(v, -1);
			NEOERR *err = hdf_set_value(node, hdf_obj_name(c), fixed);
			nerr_ignore(&err);
			g_free(fixed);
		}
	}
}

/* The current seal image of the order (PNG), or NULL. */
static cairo_surface_t *seal_load(int64_t order)
{
	struct doc_meta m;
	char path[1024];
	cairo_surface_t *s;

	if (!doc_current(order, "seal", &m) || strcmp(m.ctype, "image/png") != 0
	    || doc_abspath(&m, path, sizeof(path)) != 0)
		return NULL;
	s = cairo_image_surface_create_from_png(path);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || cairo_image_surface_get_width(s) <= 0
	    || cairo_image_surface_get_height(s) <= 0 || cairo_image_surface_get_width(s) > 4096
	    || cairo_image_surface_get_height(s) > 4096) {
		log_warn("order %lld: the seal image %s cannot be read", (long long)order, m.path);
		cairo_surface_destroy(s);
		return NULL;
	}
	return s;
}

static void form_free(struct form *f)
{
	if (f->hdf)
		hdf_destroy(&f->hdf);
	if (f->seal)
		cairo_surface_destroy(f->seal);
	f->seal = NULL;
}

/* Loads the order's data, check code and payload (and seal image for the enterprise
 * application form). 0, or -1 when the order does not exist. */
static int form_load(struct form *f, int64_t order, enum form_doc doc)
{
	NEOERR *err;
	char when[32];

	memset(f, 0, sizeof(*f));
	f->order = order;
	f->doc = doc;
	if (form_check_code(order, doc, f->check) != 0
	    || form_qr_text(order, doc, f->payload, sizeof(f->payload)) != 0)
		return -1;
	err = hdf_init(&f->hdf);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		f->hdf = NULL;
		return -1;
	}
	if (order_to_hdf(order, f->hdf, "Order", 1) != 0) {
		form_free(f);
		return -1;
	}
	sanitize(f->hdf);
	snprintf(f->id, sizeof(f->id), "%lld", (long long)order);
	f->personal = strcmp(fv(f, "subject"), "personal") == 0;
	clock_format(strtoll(fv(f, "created_ms"), NULL, 10), when, sizeof(when));
	snprintf(f->created, sizeof(f->created), "%.10s", when);
	if (!f->personal && doc == FORM_APPLICATION)
		f->seal = seal_load(order);
	return 0;
}

/* The title, the order number and dates on the left, the QR code with its check value
 * on the right: the head of a form's first page. */
static void form_head(struct pdf *p, const struct form *f, const char *title, const char *date_label)
{
	const char *site = cfg_str("Site.Name", "");
	double y = p->y, side = QR_SIZE + 10, qx = LEFT + WIDTH - QR_SIZE, bottom;
	char line[160], *m;

	if (*site)
		y += text(p, site, LEFT + side, y, WIDTH - 2 * side, 9, T_CENTER, 0.35) + 3;
	y += text(p, title, LEFT + side, y, WIDTH - 2 * side, 19, T_CENTER | T_BOLD, 0) + 8;
	draw_qr(p, f->payload, qx, p->y - 2, QR_SIZE);
	snprintf(line, sizeof(line), "校验码 %s", f->check);
	bottom = p->y - 2 + QR_SIZE + text(p, line, qx - 10, p->y - 2 + QR_SIZE - 3, QR_SIZE + 20, 7.5,
	    T_CENTER, 0.2) - 3;
	m = g_markup_printf_escaped("<b>业务单号：%s</b>　　<span size=\"small\" foreground=\"#404040\">%s：%s</span>",
	    f->id, date_label, f->created);
	y += text(p, m, LEFT, y, WIDTH - side, FS, T_MARKUP, 0);
	g_free(m);
	p->y = (y > bottom ? y : bottom) + 5;
}

/* ---- the application form ---------------------------------------------------------------- */

/* The applicant's declaration with room for the signature, stamp and date. */
struct decl {
	const char *text;		/* markup */
	const char *sign_left, *sign_right;
};

static double decl_cell(struct pdf *p, const void *ctx, double x, double y, double w, double h)
{
	const struct decl *d = ctx;
	double th = lay(p, d->text, w - 2 * PAD_X - 4, FS, T_MARKUP | T_LOOSE), need, sy;

	need = 8 + th + 14 + ROW_H + 40 + ROW_H;
	if (h <= 0)
		return need;
	rect(p, x, y, w, h, -1, LINE_INNER);
	show(p, x + PAD_X + 2, y + 8, 0);
	sy = y + 8 + th + 14;
	text(p, d->sign_left, x + PAD_X + 2, sy, w / 2 - PAD_X, FS, T_BOLD, 0);
	if (d->sign_right)
		text(p, d->sign_right, x + w * 0.46, sy, w * 0.54 - PAD_X, FS, T_BOLD, 0);
	text(p, "日期：　　　　年　　　月　　　日", x + w * 0.46, y + h - ROW_H, w * 0.54 - PAD_X - 10,
	    FS, T_RIGHT, 0);
	return h;
}

/* The seal image box: the uploaded image scaled to fit, or a note that there is none. */
static double seal_cell(struct pdf *p, const void *ctx, double x, double y, double w, double h)
{
	const struct form *f = ctx;
	double iw, ih, s, th;

	if (h <= 0)
		return 80;
	rect(p, x, y, w, h, -1, LINE_INNER);
	if (!f->seal) {
		th = lay(p, "（未上传印章图片）", w - 2 * PAD_X, 9, T_CENTER);
		show(p, x + PAD_X, y + (h - th) / 2, 0.45);
		return h;
	}
	if (p->dry)
		return h;
	iw = cairo_image_surface_get_width(f->seal);
	ih = cairo_image_surface_get_height(f->seal);
	s = (w - 12) / iw < (h - 8) / ih ? (w - 12) / iw : (h - 8) / ih;
	if (s > 0.75)		/* at most 0.75 pt a pixel: a 200 px seal is 53 mm wide */
		s = 0.75;
	cairo_save(p->cr);
	cairo_translate(p->cr, x + (w - iw * s) / 2, y + (h - ih * s) / 2);
	cairo_scale(p->cr, s, s);
	cairo_set_source_surface(p->cr, f->seal, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(p->cr), CAIRO_FILTER_GOOD);
	cairo_rectangle(p->cr, 0, 0, iw, ih);
	cairo_fill(p->cr);
	cairo_restore(p->cr);
	return h;
}

/* The small table staff fill in by hand, when it fits on the form's last page (it never
 * starts a page of its own). */
static void office_table(struct pdf *p, const struct cols *c)
{
	const struct row rows[] = {
		{ "受理人", "", "受理日期", "", 0, NULL, NULL },
		{ "审核意见", "", NULL, NULL, 36, NULL, NULL },
	};
	double h = lay(p, "以下由受理机构填写", WIDTH, 9, T_BOLD) + 3;

	if (p->y + 6 + h + row_height(p, c, &rows[0]) + row_height(p, c, &rows[1]) > BOTTOM)
		return;
	lay(p, "以下由受理机构填写", WIDTH, 9, T_BOLD);
	p->y += 6;
	show(p, LEFT, p->y, 0.2);
	p->y += h;
	table_begin(p);
	section(p, c, "受理记录", rows, (int)nitems(rows));
	table_end(p);
}

static void draw_application(struct pdf *p, const void *ctx)
{
	const struct form *f = ctx;
	const struct cols c = { 24, 100, (WIDTH - 24 - 100 - 84) / 2, 84, (WIDTH - 24 - 100 - 84) / 2 };
	char count[32], years[32], fee[40], mailer[160];
	int mail = strcmp(fv(f, "delivery"), "mail") == 0;
	int renew = *fv(f, "prev_order") || *fv(f, "cert_serial");
	struct row cert[6];
	int n = 0;

	snprintf(count, sizeof(count), "%s 个", fv(f, "cert_count"));
	snprintf(years, sizeof(years), "%s 年", fv(f, "years"));
	snprintf(fee, sizeof(fee), "%s 元", fv(f, "AmountYuan"));
	snprintf(mailer, sizeof(mailer), "%s", fv(f, "mail_name"));
	form_head(p, f, f->personal ? "数字证书申请表（个人）" : "数字证书及电子印章申请表", "申请日期");
	p->y += text(p, f->personal ? "以下信息由申请人填写（已按在线申请预填，请核对无误后打印、签字）"
	    : "以下信息由申请机构填写（已按在线申请预填，请核对无误后打印、加盖公章）",
	    LEFT, p->y, WIDTH, 9, 0, 0.25) + 3;
	table_begin(p);
	if (f->personal) {
		const struct row who[] = {
			{ "姓名", fv(f, "name"), "证件类型", "居民身份证", 0, NULL, NULL },
			{ "证件号码", fv(f, "id_no"), NULL, NULL, 0, NULL, NULL },
			{ "手机", fv(f, "mobile"), "邮箱", fv(f, "email"), 0, NULL, NULL },
			{ "联系地址", fv(f, "address"), NULL, NULL, 0, NULL, NULL },
		};
		section(p, &c, "申请人信息", who, (int)nitems(who));
		cert[n++] = (struct row){ "申请类型", fv(f, "KindLabel"), "证书类型", fv(f, "CertType"), 0, NULL, NULL };
		cert[n++] = (struct row){ "项目应用", fv(f, "ProjectLabel"), "证书年限", years, 0, NULL, NULL };
	} else {
		const struct row org[] = {
			{ "机构名称（全称）", fv(f, "org_name"), NULL, NULL, 0, NULL, NULL },
			{ "统一社会信用代码", fv(f, "uscc"), "机构代码", fv(f, "OrgCode"), 0, NULL, NULL },
			{ "机构性质", label_of(org_natures, fv(f, "org_nature")), "项目应用",
			    fv(f, "ProjectLabel"), 0, NULL, NULL },
			{ "法定代表人姓名", fv(f, "legal_name"), "证件号码", fv(f, "legal_id_no"), 0, NULL, NULL },
		};
		section(p, &c, "机构信息", org, (int)nitems(org));
		cert[n++] = (struct row){ "申请类型", fv(f, "KindLabel"), "证书类型", fv(f, "CertType"), 0, NULL, NULL };
		cert[n++] = (struct row){ "申请机构证书个数", count, "机构证书年限", years, 0, NULL, NULL };
	}
	if (renew)
		cert[n++] = (struct row){ "原业务单号", fv(f, "prev_order"), "原证书序列号", fv(f, "cert_serial"),
		    0, NULL, NULL };
	cert[n++] = (struct row){ "申请费用", fee, "领取方式", mail ? "邮寄" : "自取（到受理点领取）", 0, NULL, NULL };
	if (mail) {
		cert[n++] = (struct row){ "收件人", mailer, "收件电话", fv(f, "mail_mobile"), 0, NULL, NULL };
		cert[n++] = (struct row){ "邮寄地址", fv(f, "mail_address"), NULL, NULL, 0, NULL, NULL };
	}
	section(p, &c, "证书信息", cert, n);
	if (!f->personal) {
		const struct row agent[] = {
			{ "经办人姓名", fv(f, "agent_name"), "电话", fv(f, "agent_mobile"), 0, NULL, NULL },
			{ "证件类型", label_of(id_types, fv(f, "agent_id_type")), "证件号码", fv(f, "agent_id_no"),
			    0, NULL, NULL },
			{ "邮箱", fv(f, "agent_email"), NULL, NULL, 0, NULL, NULL },
			{ "联系地址", fv(f, "agent_address"), NULL, NULL, 0, NULL, NULL },
		};
		const struct row seal[] = {
			{ "印章编码", fv(f, "seal_code"), "印章图样", NULL, 0, seal_cell, f },
		};
		section(p, &c, "经办人信息", agent, (int)nitems(agent));
		section(p, &c, "电子印章", seal, (int)nitems(seal));
	}
	{
		static const struct decl org_decl = {
			"<b>申请机构声明：</b>本机构承诺以上所填信息及提交的证明材料真实、准确、完整、有效；"
			"已认真阅读并同意《CFCA网上平台办理协议书》，知悉数字证书及电子印章的用途和使用责任，"
			"将妥善保管证书介质及其密码。因信息不实或保管不善造成的损失，由本机构承担相应责任。",
			"申请机构（公章）：", "法定代表人或授权代表（签字）："
		};
		static const struct decl person_decl = {
			"<b>申请人声明：</b>本人承诺以上所填信息及提交的身份证明材料真实、准确、完整、有效；"
			"已认真阅读并同意《CFCA网上平台办理协议书》，知悉数字证书的用途和使用责任，"
			"将妥善保管证书介质及其密码。因信息不实或保管不善造成的损失，由本人承担相应责任。",
			"申请人（签字）：", NULL
		};
		const struct row decl[] = {
			{ NULL, NULL, NULL, NULL, 0, decl_cell, f->personal ? &person_decl : &org_decl },
		};
		section(p, &c, "申请声明", decl, (int)nitems(decl));
	}
	table_end(p);
	office_table(p, &c);
}

/* ---- the authorization letter ---------------------------------------------------------------- */

/* v cut to at most 100 characters (so an absurd value cannot push the rest of the
 * letter's sentence out), or a run of ideographic spaces (a blank to fill in by hand) when
 * v is empty; g_free it. */
static char *blank(const char *v)
{
	if (!*v)
		return g_strdup("　　　　　　");
	if (g_utf8_strlen(v, -1) > 100) {
		char *cut = g_utf8_substring(v, 0, 99), *s = g_strconcat(cut, "…", NULL);
		g_free(cut);
		return s;
	}
	return g_strdup(v);
}

static void draw_authorization(struct pdf *p, const void *ctx)
{
	const struct form *f = ctx;
	const struct cols c = { 24, 100, (WIDTH - 24 - 100 - 84) / 2, 84, (WIDTH - 24 - 100 - 84) / 2 };
	const char *site = cfg_str("Site.Name", "");
	const char *idtype = label_of(id_types, fv(f, "agent_id_type"));
	char *s, scope[160];
	double y0, half = WIDTH / 2;

	form_head(p, f, "授权书", "申请日期");
	p->y += 8;
	s = g_markup_printf_escaped("<b>致：%s</b>", *site ? site : "CFCA数字证书受理机构");
	para(p, s, 0, 12, T_MARKUP, 0);
	g_free(s);
	p->y += 6;
	snprintf(scope, sizeof(scope), "%s，%s %s 个，%s 年", fv(f, "KindLabel"), fv(f, "CertType"),
	    fv(f, "cert_count"), fv(f, "years"));
	{
		char *org = blank(fv(f, "org_name")), *uscc = blank(fv(f, "uscc")),
		    *agent = blank(fv(f, "agent_name")), *agent_id = blank(fv(f, "agent_id_no"));
		s = g_markup_printf_escaped("我单位 <u> %s </u>（统一社会信用代码：<u> %s </u>）现授权"
		    " <u> %s </u>（%s：<u> %s </u>）为经办人，代表我单位办理业务单号为 <u> %s </u> 的CFCA数字证书业务"
		    "（%s），包括填写、核对和提交申请材料，缴纳费用，以及领取数字证书、电子印章及其介质等相关事宜。",
		    org, uscc, agent, idtype, agent_id, f->id, scope);
		para(p, s, 0, 11.5, T_MARKUP | T_INDENT | T_LOOSE, 0);
		g_free(s);
		g_free(org);
		g_free(uscc);
		g_free(agent);
		g_free(agent_id);
	}
	p->y += 4;
	para(p, "被授权人在上述授权范围内办理的事项及签署的相关文件，我单位均予以认可，并承担由此产生的法律责任。"
	    "被授权人无转委托权。", 0, 11.5, T_INDENT | T_LOOSE, 0);
	p->y += 4;
	para(p, "本授权书自签署之日起生效，至上述业务办结之日止。", 0, 11.5, T_INDENT | T_LOOSE, 0);
	p->y += 12;
	{
		const struct row rows[] = {
			{ "授权单位", fv(f, "org_name"), NULL, NULL, 0, NULL, NULL },
			{ "统一社会信用代码", fv(f, "uscc"), "机构代码", fv(f, "OrgCode"), 0, NULL, NULL },
			{ "法定代表人", fv(f, "legal_name"), "证件号码", fv(f, "legal_id_no"), 0, NULL, NULL },
			{ "被授权人", fv(f, "agent_name"), "联系电话", fv(f, "agent_mobile"), 0, NULL, NULL },
			{ "证件类型", idtype, "证件号码", fv(f, "agent_id_no"), 0, NULL, NULL },
			{ "业务单号", f->id, "申请类型", fv(f, "KindLabel"), 0, NULL, NULL },
		};
		table_begin(p);
		section(p, &c, "授权事项", rows, (int)nitems(rows));
		table_end(p);
	}
	ensure(p, 16 + 3 * 38);
	y0 = p->y + 16;
	text(p, "授权单位（公章）：", LEFT, y0, half, 11.5, T_BOLD, 0);
	text(p, "法定代表人（签字）：", LEFT + half, y0, half, 11.5, T_BOLD, 0);
	text(p, "被授权人（签字）：", LEFT + half, y0 + 38, half, 11.5, T_BOLD, 0);
	text(p, "日期：　　　　年　　　月　　　日", LEFT + half, y0 + 76, half, 11.5, 0, 0);
	p->y = y0 + 76 + 26;
	{
		double bw = (WIDTH - 14) / 2, bh = bw * 54 / 85.6, th;	/* ID-1 card proportions */
		int i;
		ensure(p, bh + 4);
		for (i = 0; i < 2 && !p->dry; i++) {
			double x = LEFT + i * (bw + 14);
			cairo_save(p->cr);
			cairo_set_dash(p->cr, (const double[]){ 3, 2 }, 2, 0);
			rect(p, x, p->y, bw, bh, -1, 0.6);
			cairo_restore(p->cr);
			th = lay(p, i ? "被授权人身份证件复印件粘贴处\n（背面 / 国徽面）"
			    : "被授权人身份证件复印件粘贴处\n（正面 / 人像面）", bw - 20, 9.5, T_CENTER);
			show(p, x + 10, p->y + (bh - th) / 2, 0.5);
		}
		p->y += bh;
	}
}

/* Renders body into a PDF: a layout pass that counts the pages, then the drawing pass.
 * Returns 0 with the malloc'd bytes, or -1. */
static int render(const char *title, const char *subject, const char *footer_text,
    void (*body)(struct pdf *p, const void *ctx), const void *ctx, void (*decorate)(struct pdf *p),
    unsigned char **pdf, size_t *len)
{
	struct pdf_out out = { NULL, 0, 0, 0 };
	struct pdf p;
	cairo_font_options_t *opts;
	cairo_status_t st;
	int pass;

	memset(&p, 0, sizeof(p));
	p.title = title;
	p.decorate = decorate;
	util_copy(p.footer, sizeof(p.footer), footer_text);
	p.surface = cairo_pdf_surface_create_for_stream(out_write, &out, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_SUBJECT, subject);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "certdesk");
	p.cr = cairo_create(p.surface);
	p.pc = pango_cairo_create_context(p.cr);
	pango_cairo_context_set_resolution(p.pc, 72);	/* 1 pt is one user unit */
	opts = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(p.pc, opts);
	cairo_font_options_destroy(opts);
	p.lay = pango_layout_new(p.pc);
	p.font = pango_font_description_new();
	pango_font_description_set_family(p.font, FONT_FAMILY);
	for (pass = 0; pass < 2 && !p.err; pass++) {
		p.dry = pass == 0;
		p.page = 0;
		p.tbl_open = 0;
		page_begin(&p);
		body(&p, ctx);
		page_end(&p);
		p.pages = p.page;
	}
	pango_font_description_free(p.font);
	g_object_unref(p.lay);
	g_object_unref(p.pc);
	st = cairo_status(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(p.surface);
	cairo_surface_destroy(p.surface);
	if (st != CAIRO_STATUS_SUCCESS || out.err || p.err || out.n < 8) {
		log_error("cannot render %s: %s", title, st != CAIRO_STATUS_SUCCESS
		    ? cairo_status_to_string(st) : "layout or output error");
		free(out.p);
		return -1;
	}
	*pdf = out.p;
	*len = out.n;
	return 0;
}

int form_pdf(int64_t order, enum form_doc doc, unsigned char **pdf, size_t *len)
{
	struct form f;
	char footer_text[192], now[32], subject[64];
	int rc;

	if (!pdf || !len)
		return -1;
	*pdf = NULL;
	*len = 0;
	if (form_load(&f, order, doc) != 0)
		return -1;
	if (doc == FORM_AUTHORIZATION && f.personal) {	/* a person signs for themself */
		form_free(&f);
		return -1;
	}
	clock_format(clock_now_ms(), now, sizeof(now));
	snprintf(footer_text, sizeof(footer_text), "业务单号 %s　校验码 %s　生成时间 %s",
	    f.id, f.check, now);
	snprintf(subject, sizeof(subject), "业务单号 %s", f.id);
	if (doc == FORM_APPLICATION)
		rc = render(f.personal ? "数字证书申请表（个人）" : "数字证书及电子印章申请表", subject, footer_text,
		    draw_application, &f, NULL, pdf, len);
	else
		rc = render("授权书", subject, footer_text, draw_authorization, &f, NULL, pdf, len);
	form_free(&f);
	return rc;
}

/* ---- the sample agreement -------------------------------------------------------------------- */

#define SAMPLE_MARK "样本 — 仅供开发测试，正式部署请配置 Agreement.File 指向 CA 提供的正式文本"

/* The sample's text in the project's own words: "#" starts a heading, "-" a numbered
 * clause, anything else is a paragraph. Not CFCA's legal text. */
static const char *const agreement_text[] = {
	"本协议由数字证书订户（以下简称“订户”）与通过本平台为订户受理数字证书业务的电子认证服务机构及其注册机构"
	"（以下统称“认证机构”）订立。订户在提交数字证书申请前，应仔细阅读本协议的全部条款，特别是责任限制条款。"
	"订户在平台上勾选“我同意”，并在本协议上加盖公章（个人订户签字）后，即表示接受本协议的约束。",
	"#一、订户的权利和义务",
	"-1. 订户有权按照平台公布的流程和收费标准办理数字证书的新办、续费和补办，并可随时查询其业务单的办理进度。",
	"-2. 订户应妥善保管数字证书介质（USB Key）及其保护口令，不得转借、出租或交由无关人员使用；"
	"因保管不善造成的后果由订户自行承担。",
	"-3. 订户发现或怀疑证书私钥泄露、介质遗失，或证书所载信息发生变化时，应及时通过平台或受理点申请吊销或变更证书。",
	"-4. 订户应按时缴纳服务费用；证书有效期届满前需要继续使用的，应及时办理续费。",
	"#二、证书的使用",
	"-1. 数字证书仅供订户本身在电子政务、工程招投标、政府采购等业务系统中用于身份认证、电子签名和数据加密。",
	"-2. 订户不得将证书用于违反法律法规、损害国家利益、社会公共利益或他人合法权益的活动。",
	"-3. 证书有效期届满或被吊销后，订户应停止使用该证书；继续使用失效证书产生的后果由订户承担。",
	"#三、信息的真实性",
	"-1. 订户应保证申请时提交的机构信息、身份信息、联系方式和证明材料真实、准确、完整，并对其真实性负责。",
	"-2. 认证机构依照其电子认证业务规则审核订户提交的信息。订户提供虚假信息或隐瞒重要事实的，"
	"认证机构有权拒绝申请或吊销已签发的证书，由此造成的损失由订户承担。",
	"-3. 证书所载信息发生变化的，订户应及时告知认证机构并办理变更手续。",
	"#四、隐私与个人信息保护",
	"-1. 认证机构仅为办理证书业务、履行法定义务及提供证书状态查询服务的目的收集和使用订户信息，"
	"并遵守《中华人民共和国个人信息保护法》等法律法规的规定。",
	"-2. 身份证件号码等敏感个人信息在平台中加密存储，仅向确有需要的审核和制证人员展示。",
	"-3. 除法律法规另有规定或经订户同意外，认证机构不向第三方提供订户信息；证书本身载明的信息按照电子认证业务规则向依赖方公开。",
	"#五、责任限制",
	"-1. 认证机构按照《中华人民共和国电子签名法》及其电子认证业务规则提供服务；因认证机构的过错给订户造成损失的，依法承担相应责任。",
	"-2. 因不可抗力、通信线路或第三方系统故障，以及订户自身原因造成的损失，认证机构不承担责任。",
	"-3. 认证机构不对间接损失、预期利益损失承担赔偿责任；赔偿金额以电子认证业务规则规定的上限为限。",
	"#六、协议的变更与终止",
	"-1. 认证机构修订本协议的，将在平台上公布修订后的文本；订户在公布后继续使用证书服务的，视为接受修订后的协议。",
	"-2. 证书有效期届满未续费、证书被吊销或订户注销账号的，本协议相应终止；终止前已经发生的权利义务不受影响。",
	"#七、争议解决",
	"-1. 本协议的订立、履行和解释适用中华人民共和国法律。",
	"-2. 因本协议发生的争议，双方应友好协商解决；协商不成的，任何一方均可向认证机构所在地有管辖权的人民法院提起诉讼。",
	"#八、其他",
	"-1. 本协议自订户盖章（签字）之日起生效，一式两份，订户与认证机构各执一份，具有同等效力。",
	"-2. 本文本为平台开发用样本，不具有法律效力；正式办理以认证机构提供的协议文本为准。",
};

/* On every page of the sample: a large diagonal watermark and the red banner at the top. */
static void sample_decorate(struct pdf *p)
{
	double h;

	if (!p->dry) {
		cairo_save(p->cr);
		cairo_translate(p->cr, PAGE_W / 2, PAGE_H / 2);
		cairo_rotate(p->cr, -0.55);
		lay(p, "样　本", 600, 120, T_BOLD | T_CENTER);
		cairo_set_source_rgba(p->cr, 0.85, 0.1, 0.1, 0.09);
		cairo_move_to(p->cr, -300, -90);
		pango_cairo_show_layout(p->cr, p->lay);
		cairo_new_path(p->cr);
		cairo_restore(p->cr);
	}
	h = lay(p, SAMPLE_MARK, WIDTH - 16, 10, T_BOLD | T_CENTER) + 10;
	if (!p->dry) {
		cairo_new_path(p->cr);
		cairo_rectangle(p->cr, LEFT, p->y, WIDTH, h);
		cairo_set_source_rgb(p->cr, 1, 0.94, 0.94);
		cairo_fill_preserve(p->cr);
		cairo_set_source_rgb(p->cr, 0.8, 0.05, 0.05);
		cairo_set_line_width(p->cr, 1.2);
		cairo_stroke(p->cr);
	}
	show_rgb(p, LEFT + 8, p->y + 5, 0.8, 0.05, 0.05);
	p->y += h + 10;
}

static void draw_agreement(struct pdf *p, const void *ctx)
{
	double half = WIDTH / 2, y0;
	size_t i;

	(void)ctx;
	p->y += text(p, "CFCA网上平台办理协议书", LEFT, p->y, WIDTH, 18, T_BOLD | T_CENTER, 0) + 2;
	lay(p, "（样本）", WIDTH, 12, T_BOLD | T_CENTER);
	show_rgb(p, LEFT, p->y, 0.8, 0.05, 0.05);
	p->y += lay(p, "（样本）", WIDTH, 12, T_BOLD | T_CENTER) + 10;
	for (i = 0; i < nitems(agreement_text); i++) {
		const char *s = agreement_text[i];
		if (s[0] == '#') {
			p->y += 6;
			ensure(p, 3 * 20);	/* keep a heading with the start of its section */
			para(p, s + 1, 0, 11.5, T_BOLD, 0);
			p->y += 3;
		} else if (s[0] == '-') {
			char num[16];
			size_t k = strcspn(s + 1, " ");
			snprintf(num, sizeof(num), "%.*s", (int)(k < 8 ? k + 1 : 0), s + 1);
			lay(p, num, WIDTH, FS, 0);
			p->hang = lay_width(p);	/* continuation lines start under the text */
			para(p, s + 1, 10, FS, T_HANG | T_LOOSE, 0);
			p->y += 2;
		} else {
			para(p, s, 0, FS, T_INDENT | T_LOOSE, 0);
			p->y += 2;
		}
	}
	ensure(p, 20 + 2 * 40);
	y0 = p->y + 20;
	text(p, "订户（盖章）：", LEFT, y0, half, 11.5, T_BOLD, 0);
	text(p, "经办人（签字）：", LEFT + half, y0, half, 11.5, T_BOLD, 0);
	text(p, "日期：　　　　年　　　月　　　日", LEFT + half, y0 + 48, half, 11.5, 0, 0);
	p->y = y0 + 70;
}

int agreement_sample_pdf(unsigned char **pdf, size_t *len)
{
	if (!pdf || !len)
		return -1;
	*pdf = NULL;
	*len = 0;
	return render("CFCA网上平台办理协议书（样本）", SAMPLE_MARK,
	    "《CFCA网上平台办理协议书》样本　仅供开发测试，不具有法律效力", draw_agreement, NULL,
	    sample_decorate, pdf, len);
}
