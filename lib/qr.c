/* lib/qr.c: QR codes as PNG images in memory (libqrencode, level M, 8-bit mode; libpng, 1-bit grayscale). */
#include <png.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#include "formpdf.h"

#define QR_QUIET 4		/* modules of white border on each side */
#define QR_SCALE_MAX 32		/* pixels per module: at most 177 + 8 modules × 32 = 5920 px */

/* A growing output buffer (at most 64 MiB). */
struct png_out {
	unsigned char *p;
	size_t n, cap;
};

/* libpng's write callback: appends to the buffer, or aborts the write through png_error. */
static void png_out_write(png_structp png, png_bytep data, png_size_t n)
{
	struct png_out *o = png_get_io_ptr(png);

	if (n > (size_t)64 * 1024 * 1024 - o->n)
		png_error(png, "QR image too large");
	if (o->n + n > o->cap) {
		size_t cap = o->cap ? o->cap : 1024;
		unsigned char *q;
		while (cap < o->n + n)
			cap *= 2;
		q = realloc(o->p, cap);
		if (!q)
			png_error(png, "out of memory");
		o->p = q;
		o->cap = cap;
	}
	memcpy(o->p + o->n, data, n);
	o->n += n;
}

static void png_out_flush(png_structp png)
{
	(void)png;
}

/* Writes the image of qr into out through png/info. row holds one packed row of side
 * pixels. Every state that outlives a longjmp lives behind pointers, so nothing here
 * needs to be volatile. Returns 0, or -1 when libpng reported an error. */
static int write_qr_png(png_structp png, png_infop info, const QRcode *qr, int scale,
    struct png_out *out, unsigned char *row)
{
	int side = (qr->width + 2 * QR_QUIET) * scale, y;
	size_t bytes = ((size_t)side + 7) / 8;

	if (setjmp(png_jmpbuf(png)))
		return -1;
	png_set_write_fn(png, out, png_out_write, png_out_flush);
	png_set_IHDR(png, info, (png_uint_32)side, (png_uint_32)side, 1, PNG_COLOR_TYPE_GRAY,
	    PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_compression_level(png, 9);
	png_write_info(png, info);
	for (y = 0; y < side; y++) {
		int my = y / scale - QR_QUIET, x;
		memset(row, 0xff, bytes);	/* 1 is white in a 1-bit grayscale image */
		for (x = 0; my >= 0 && my < qr->width && x < side; x++) {
			int mx = x / scale - QR_QUIET;
			if (mx >= 0 && mx < qr->width && (qr->data[my * qr->width + mx] & 1))
				row[x / 8] &= (unsigned char)~(0x80 >> (x % 8));
		}
		png_write_row(png, row);
	}
	png_write_end(png, info);
	return 0;
}

int qr_png(const char *text, int scale, unsigned char **png, size_t *len)
{
	struct png_out out = { NULL, 0, 0 };
	QRcode *qr;
	png_structp ps = NULL;
	png_infop info = NULL;
	unsigned char *row = NULL;
	int rc = -1;

	if (!text || !png || !len || scale < 1 || scale > QR_SCALE_MAX)
		return -1;
	*png = NULL;
	*len = 0;
	qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr)
		return -1;
	row = malloc(((size_t)(qr->width + 2 * QR_QUIET) * (size_t)scale + 7) / 8);
	ps = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	if (ps)
		info = png_create_info_struct(ps);
	if (row && ps && info && write_qr_png(ps, info, qr, scale, &out, row) == 0) {
		*png = out.p;
		*len = out.n;
		out.p = NULL;
		rc = 0;
	}
	png_destroy_write_struct(&ps, &info);
	free(out.p);
	free(row);
	QRcode_free(qr);
	return rc;
}
