/* lib/sniff.c: judging an uploaded file by its content (JPEG, PNG, PDF headers), the per-slot checks and the seal image pre-flight (libpng). */
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <png.h>
#include <zlib.h>
#include "doc.h"

#define JPEG_MAX_SEGMENTS 4096		/* markers walked before giving up */
#define JPEG_MAX_FILL 64		/* 0xFF fill bytes tolerated before one marker */
#define PNG_MAX_CHUNKS 100000		/* chunks walked before giving up */
#define PNG_MAX_LEN 0x7fffffffL		/* the largest chunk length and dimension PNG allows */
#define PDF_TAIL 1024			/* %%EOF must be within the last this many bytes */

/* Seal pre-flight thresholds. */
#define SEAL_ALPHA_MIN 16		/* alpha below this: transparent background */
#define SEAL_WHITE_MIN 200		/* every channel at least this (over white): paper */
#define SEAL_INK_PERMILLE 5		/* ink must cover at least 0.5% of the pixels */
#define SEAL_RED_PERCENT 60		/* at least this share of the ink is red */
#define SEAL_RED_MARGIN 40		/* red exceeds green and blue by at least this */

/* Reads a big-endian 16-bit value; -1 at end of file. */
static long get16(FILE *fp)
{
	int a = getc(fp), b;

	if (a == EOF || (b = getc(fp)) == EOF)
		return -1;
	return ((long)a << 8) | b;
}

/* Decodes a big-endian 32-bit value. */
static unsigned long be32(const unsigned char *p)
{
	return ((unsigned long)p[0] << 24) | ((unsigned long)p[1] << 16)
	    | ((unsigned long)p[2] << 8) | p[3];
}

/* 1 for the JPEG start-of-frame markers (SOF0-SOF15 less DHT, JPG and DAC). */
static int jpeg_sof(int m)
{
	return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
}

/* Walks the JPEG markers after SOI to the frame header and on to the scan header; every
 * segment must lie inside the file. 0 with the dimensions in info, else -1. */
static int sniff_jpeg(FILE *fp, struct doc_info *info)
{
	long pos = 2, len;
	int seg, fill, m, sof = 0;

	if (fseeko(fp, 2, SEEK_SET) != 0)
		return -1;
	for (seg = 0; seg < JPEG_MAX_SEGMENTS; seg++) {
		if (getc(fp) != 0xff)
			return -1;
		pos++;
		for (fill = 0; (m = getc(fp)) == 0xff && fill < JPEG_MAX_FILL; fill++)
			pos++;
		if (m == EOF || m == 0xff || m == 0x00)
			return -1;
		pos++;
		if (m == 0x01 || (m >= 0xd0 && m <= 0xd7))
			continue;		/* standalone markers carry no length */
		if (m == 0xd8 || m == 0xd9)
			return -1;		/* a second SOI, or EOI before any scan */
		if ((len = get16(fp)) < 2 || pos + len > info->size)
			return -1;		/* a truncated segment */
		if (jpeg_sof(m)) {
			long h, w;
			int prec = getc(fp), ncomp;
			if (len < 8 || prec == EOF || (h = get16(fp)) < 0 || (w = get16(fp)) < 0)
				return -1;
			ncomp = getc(fp);
			if (h == 0 || w == 0 || ncomp < 1 || ncomp > 4 || len != 8 + 3 * ncomp || sof)
				return -1;
			info->width = (int)w;
			info->height = (int)h;
			sof = 1;
		} else if (m == 0xda) {
			/* The scan header: the frame header must have come, and data must follow. */
			return sof && pos + len < info->size ? 0 : -1;
		}
		pos += len;
		if (fseeko(fp, pos, SEEK_SET) != 0)
			return -1;
	}
	return -1;
}

/* 1 when (bit depth, colour type) is a combination PNG allows. */
static int png_depth_ok(int depth, int ctype)
{
	switch (ctype) {
	case 0: return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
	case 3: return depth == 1 || depth == 2 || depth == 4 || depth == 8;
	case 2: case 4: case 6: return depth == 8 || depth == 16;
	default: return 0;
	}
}

/* Checks the PNG signature's IHDR (first, 13 bytes, valid fields, correct CRC), then walks
 * the chunks to IEND with at least one IDAT, each chunk inside the file. 0 or -1. */
static int sniff_png(FILE *fp, struct doc_info *info)
{
	unsigned char h[33], c[8];
	unsigned long w, ht, len;
	long pos;
	int n, idat = 0;

	if (fseeko(fp, 0, SEEK_SET) != 0 || fread(h, 1, sizeof(h), fp) != sizeof(h))
		return -1;
	if (be32(h + 8) != 13 || memcmp(h + 12, "IHDR", 4) != 0
	    || crc32(crc32(0L, Z_NULL, 0), h + 12, 17) != be32(h + 29))
		return -1;
	w = be32(h + 16);
	ht = be32(h + 20);
	if (w == 0 || ht == 0 || w > (unsigned long)PNG_MAX_LEN || ht > (unsigned long)PNG_MAX_LEN
	    || !png_depth_ok(h[24], h[25]) || h[26] != 0 || h[27] != 0 || h[28] > 1)
		return -1;
	for (pos = 33, n = 0; n < PNG_MAX_CHUNKS; n++) {
		if (fread(c, 1, sizeof(c), fp) != sizeof(c))
			return -1;
		len = be32(c);
		if (len > (unsigned long)PNG_MAX_LEN || pos + 12 + (long)len > info->size)
			return -1;
		if (memcmp(c + 4, "IHDR", 4) == 0)
			return -1;
		if (memcmp(c + 4, "IDAT", 4) == 0)
			idat = 1;
		if (memcmp(c + 4, "IEND", 4) == 0) {
			if (!idat)
				return -1;
			info->width = (int)w;
			info->height = (int)ht;
			return 0;
		}
		pos += 12 + (long)len;
		if (fseeko(fp, pos, SEEK_SET) != 0)
			return -1;
	}
	return -1;
}

/* Checks the trailer of a PDF whose header matched: %%EOF within its last PDF_TAIL bytes. */
static int sniff_pdf(FILE *fp, struct doc_info *info)
{
	char tail[PDF_TAIL];
	long from = info->size > PDF_TAIL ? info->size - PDF_TAIL : 0;
	size_t n;

	if (fseeko(fp, from, SEEK_SET) != 0)
		return -1;
	n = fread(tail, 1, sizeof(tail), fp);
	return n > 0 && memmem(tail, n, "%%EOF", 5) ? 0 : -1;
}

int doc_sniff(FILE *fp, struct doc_info *info)
{
	static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	unsigned char head[8];
	off_t size;
	int rc = -1;

	memset(info, 0, sizeof(*info));
	if (!fp || fseeko(fp, 0, SEEK_END) != 0 || (size = ftello(fp)) < 0 || size > 0x7fffffffL)
		goto out;
	info->size = (long)size;
	rewind(fp);
	if (fread(head, 1, sizeof(head), fp) != sizeof(head))
		goto out;
	if (head[0] == 0xff && head[1] == 0xd8 && head[2] == 0xff) {
		if ((rc = sniff_jpeg(fp, info)) == 0)
			info->type = DOC_JPEG;
	} else if (memcmp(head, png_sig, 8) == 0) {
		if ((rc = sniff_png(fp, info)) == 0)
			info->type = DOC_PNG;
	} else if (memcmp(head, "%PDF-1.", 7) == 0 && head[7] >= '0' && head[7] <= '7') {
		if ((rc = sniff_pdf(fp, info)) == 0)
			info->type = DOC_PDF;
	}
out:
	if (rc != 0) {
		info->type = 0;
		info->width = info->height = 0;
	}
	if (fp)
		rewind(fp);
	return rc;
}

/* The message for a file whose type the slot does not take (or that is not recognised). */
static const char *type_message(int types, int recognised)
{
	if (types == DOC_PNG)
		return "印章图片须为PNG格式，且不超过200×200像素";
	if (types == DOC_PDF)
		return recognised ? "请上传PDF格式的文件（按文件内容判断，修改扩展名无效）"
		    : "无法识别文件内容或文件已损坏，请上传PDF格式的文件";
	if (types == (DOC_JPEG | DOC_PNG))
		return recognised ? "请上传JPG或PNG格式的图片（按文件内容判断，修改扩展名无效）"
		    : "无法识别文件内容或文件已损坏，请上传JPG或PNG格式的图片";
	return recognised ? "请上传PDF、JPG或PNG格式的文件（按文件内容判断，修改扩展名无效）"
	    : "无法识别文件内容或文件已损坏，请上传PDF、JPG或PNG格式的文件";
}

/* The seal pre-flight on a decoded RGBA image: of the pixels that are neither transparent
 * nor white-ish paper (over white), enough must exist and most must be red. 1 when it passes. */
static int seal_red_enough(const unsigned char *px, unsigned long npx)
{
	unsigned long i, ink = 0, red = 0;

	for (i = 0; i < npx; i++, px += 4) {
		unsigned a = px[3], r, g, b, gb;
		if (a < SEAL_ALPHA_MIN)
			continue;
		/* Composite over white, so half-transparent edges count as the colour seen. */
		r = (px[0] * a + 255 * (255 - a) + 127) / 255;
		g = (px[1] * a + 255 * (255 - a) + 127) / 255;
		b = (px[2] * a + 255 * (255 - a) + 127) / 255;
		if (r >= SEAL_WHITE_MIN && g >= SEAL_WHITE_MIN && b >= SEAL_WHITE_MIN)
			continue;
		ink++;
		gb = g > b ? g : b;
		if (10 * r > 13 * g && 10 * r > 13 * b && r >= gb + SEAL_RED_MARGIN)
			red++;
	}
	return ink * 1000 >= npx * SEAL_INK_PERMILLE && ink > 0 && red * 100 >= ink * SEAL_RED_PERCENT;
}

/* Decodes the seal PNG (at most 200×200) with libpng's simplified API and runs the
 * pre-flight. NULL when it passes, else the message. */
static const char *seal_preflight(FILE *fp, const struct doc_info *info)
{
	png_image img;
	unsigned char *buf;
	const char *msg = "印章图片应为白底或透明底上的红色印章";
	size_t size;

	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	rewind(fp);
	if (!png_image_begin_read_from_stdio(&img, fp)) {
		rewind(fp);
		return "印章图片无法读取，请重新扫描后上传";
	}
	if (img.width != (png_uint_32)info->width || img.height != (png_uint_32)info->height
	    || img.width > DOC_SEAL_MAX_PX || img.height > DOC_SEAL_MAX_PX) {
		png_image_free(&img);
		rewind(fp);
		return "印章图片须为PNG格式，且不超过200×200像素";
	}
	img.format = PNG_FORMAT_RGBA;
	size = PNG_IMAGE_SIZE(img);
	buf = malloc(size);
	if (!buf) {
		png_image_free(&img);
		rewind(fp);
		return "印章图片无法读取，请重新扫描后上传";
	}
	if (!png_image_finish_read(&img, NULL, buf, 0, NULL))
		msg = "印章图片无法读取，请重新扫描后上传";
	else if (seal_red_enough(buf, (unsigned long)img.width * img.height))
		msg = NULL;
	png_image_free(&img);
	free(buf);
	rewind(fp);
	return msg;
}

const char *doc_check(const struct doc_slot *slot, FILE *fp, const struct doc_info *info)
{
	if (!slot || !info || !(info->type & slot->types))
		return type_message(slot ? slot->types : DOC_JPEG | DOC_PNG | DOC_PDF,
		    info && info->type != 0);
	if (info->size <= 0)
		return "文件为空，请重新选择";
	if (info->type == DOC_PDF && info->size > DOC_PDF_MAX)
		return "PDF文件不能超过10MB，请压缩后重新上传";
	if (info->type != DOC_PDF && info->size > DOC_IMAGE_MAX)
		return "图片不能超过5MB，请压缩后重新上传";
	if (strcmp(slot->name, "seal") == 0) {
		if (info->type != DOC_PNG || info->width > DOC_SEAL_MAX_PX
		    || info->height > DOC_SEAL_MAX_PX)
			return "印章图片须为PNG格式，且不超过200×200像素";
		if (!fp)
			return "印章图片无法读取，请重新扫描后上传";
		return seal_preflight(fp, info);
	}
	return NULL;
}
