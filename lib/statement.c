/* lib/statement.c: bank statement CSV files (UTF-8 or GB18030, decoded with iconv, parsed with libcsv) into credit rows, and transfer codes in their remarks. */
#include "statement.h"

#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <csv.h>

#include "alipay.h"
#include "util.h"
#include "valid.h"

#define MAX_RECORDS 5000
#define MAX_FIELD 4096
/* The header row is looked for among this many first records (title lines come before it). */
#define HEADER_RECORDS 20
#define MAX_REMARKS 6
/* An amount cell longer than this is not an amount. */
#define AMOUNT_MAX 48
#define NO_COLUMN ((size_t)-1)

#define ERR_EMPTY "文件是空的"
#define ERR_ENCODING "无法识别文件编码（应为 UTF-8 或 GB18030 编码的 CSV 文件）"
#define ERR_NO_HEADER "未找到表头（需要包含交易日期、金额、摘要等列）"
#define ERR_NO_AMOUNT "表头中没有金额列（贷方金额、收入金额或金额）"
#define ERR_RECORDS "文件超过5000行，请分批导入"
#define ERR_FIELD "文件中有超过4KB的单元格，不像银行流水"
#define ERR_MEMORY "内存不足，无法读取文件"

const char statement_code_alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

enum column { COL_DATE, COL_CREDIT, COL_AMOUNT, COL_DIRECTION, COL_PAYER, COL_REMARK, COL_SERIAL };

/* The header names of each column (statement.h); ASCII ones compare case-insensitively. */
static const struct {
	const char *name;
	enum column col;
} header_names[] = {
	{ "交易日期", COL_DATE }, { "日期", COL_DATE }, { "记账日期", COL_DATE }, { "date", COL_DATE },
	{ "贷方金额", COL_CREDIT }, { "收入金额", COL_CREDIT }, { "收入", COL_CREDIT },
	{ "入账金额", COL_CREDIT }, { "贷方发生额", COL_CREDIT }, { "credit", COL_CREDIT },
	{ "金额", COL_AMOUNT }, { "交易金额", COL_AMOUNT }, { "amount", COL_AMOUNT },
	{ "借贷标志", COL_DIRECTION }, { "借贷方向", COL_DIRECTION }, { "收支标志", COL_DIRECTION },
	{ "收支方向", COL_DIRECTION }, { "direction", COL_DIRECTION },
	{ "对方户名", COL_PAYER }, { "付款人", COL_PAYER }, { "付款方户名", COL_PAYER },
	{ "对方账户名称", COL_PAYER }, { "对方单位名称", COL_PAYER }, { "payer", COL_PAYER },
	{ "摘要", COL_REMARK }, { "附言", COL_REMARK }, { "用途", COL_REMARK }, { "备注", COL_REMARK },
	{ "交易附言", COL_REMARK }, { "remark", COL_REMARK },
	{ "流水号", COL_SERIAL }, { "交易流水号", COL_SERIAL }, { "凭证号", COL_SERIAL },
	{ "serial", COL_SERIAL },
};

/* How the summary lines at the end of an export begin (in their first non-empty cell). */
static const char *const summary_words[] = { "合计", "总计", "小计", "本页合计", "本期合计", "累计" };

/* The column of each kind in the header row, NO_COLUMN when absent. */
struct columns {
	size_t date, credit, amount, direction, payer, serial;
	size_t remark[MAX_REMARKS];
	size_t remarks;
};

/* The trimmed fields of the CSV record being read. */
struct record {
	char *text;		/* the fields, each NUL-terminated, one after another */
	size_t used, cap;
	size_t *at;		/* where each field starts in text */
	size_t n, slots;
	int breaks;		/* line breaks inside the record's quoted fields */
};

struct state {
	struct record rec;
	struct columns cols;
	int header;		/* 1 once the header row is found */
	int records;		/* records seen so far */
	int line;		/* the physical line being fed to the CSV parser */
	struct statement_row *rows;
	size_t nrows, rowcap;
	const char *err;
};

/* Returns buf grown (realloc, doubling) so that it holds need elements of size elem, updating
 * *cap; buf itself when it is big enough; NULL (buf untouched) when out of memory. */
static void *reserve(void *buf, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap ? *cap : 16;
	void *p;

	if (need <= *cap)
		return buf;
	while (n < need)
		n *= 2;
	p = realloc(buf, n * elem);
	if (p)
		*cap = n;
	return p;
}

/* Converts len bytes of GB18030 to UTF-8 in a malloc'd NUL-terminated *out of *n bytes.
 * Returns 0, or -1 (nothing allocated) when the bytes are not GB18030. */
static int from_gb18030(const char *data, size_t len, char **out, size_t *n)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	size_t inleft = len, outleft = 2 * len;	/* a GB18030 character takes at most 1.5 times its bytes */
	char *in = (char *)data, *buf, *o;
	int ok;

	if (cd == (iconv_t)-1)
		return -1;
	buf = o = malloc(outleft + 1);
	ok = buf && iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1 &&
	     iconv(cd, NULL, NULL, &o, &outleft) != (size_t)-1;
	iconv_close(cd);
	if (!ok) {
		free(buf);
		return -1;
	}
	*o = '\0';
	*out = buf;
	*n = (size_t)(o - buf);
	return 0;
}

/* Decodes the statement into malloc'd UTF-8 *text of *n bytes without a byte order mark: as
 * it is when it is well-formed UTF-8 (valid_utf8_len: no NUL and no control characters but
 * tab and line breaks), else from GB18030. Returns 0, or -1 when it is neither. */
static int decode(const char *data, size_t len, char **text, size_t *n)
{
	char *copy;

	if (len > (SIZE_MAX - 1) / 2 || !(copy = malloc(len + 1)))
		return -1;
	memcpy(copy, data, len);
	copy[len] = '\0';
	if (!memchr(data, '\0', len) && valid_utf8_len(copy, 1) >= 0) {
		*text = copy;
		*n = len;
	} else {
		free(copy);
		if (from_gb18030(data, len, text, n) != 0)
			return -1;
	}
	if (*n >= 3 && memcmp(*text, "\xef\xbb\xbf", 3) == 0) {
		*n -= 3;
		memmove(*text, *text + 3, *n + 1);
	}
	return 0;
}

/* The length of the blank at the start of s[0..len): an ASCII space, tab, line break or quote,
 * the '=' of Excel's ="…" text form, a no-break or a full-width space; 0 when none. */
static size_t blank_at(const char *s, size_t len)
{
	if (*s && strchr(" \t\r\n\"'", *s))
		return 1;
	if (*s == '=' && len > 1 && s[1] == '"')
		return 1;
	if (len >= 2 && memcmp(s, "\xc2\xa0", 2) == 0)
		return 2;
	if (len >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* The length of the blank (as blank_at, without '=') ending s[0..len); 0 when none. */
static size_t blank_before(const char *s, size_t len)
{
	if (s[len - 1] && strchr(" \t\r\n\"'", s[len - 1]))
		return 1;
	if (len >= 2 && memcmp(s + len - 2, "\xc2\xa0", 2) == 0)
		return 2;
	if (len >= 3 && memcmp(s + len - 3, "\xe3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* Trims blanks (blank_at, blank_before) from both ends of the field *s of *len bytes. */
static void trim(const char **s, size_t *len)
{
	size_t k;

	while (*len && (k = blank_at(*s, *len)) > 0) {
		*s += k;
		*len -= k;
	}
	while (*len && (k = blank_before(*s, *len)) > 0)
		*len -= k;
}

/* The number of line breaks (LF, CR LF or a lone CR) in s[0..len). */
static int count_breaks(const char *s, size_t len)
{
	size_t i;
	int n = 0;

	for (i = 0; i < len; i++)
		n += s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'));
	return n;
}

/* The end of the line starting at p (after its LF, CR LF or lone CR), at most end. */
static const char *line_end(const char *p, const char *end)
{
	for (; p < end; p++) {
		if (*p == '\n')
			return p + 1;
		if (*p == '\r')
			return p + 1 < end && p[1] == '\n' ? p + 2 : p + 1;
	}
	return end;
}

/* Appends the field s of len bytes to the record. Returns 0, or -1 when out of memory. */
static int record_add(struct record *r, const char *s, size_t len)
{
	char *text = reserve(r->text, &r->cap, r->used + len + 1, 1);
	size_t *at;

	if (!text)
		return -1;
	r->text = text;
	at = reserve(r->at, &r->slots, r->n + 1, sizeof(*at));
	if (!at)
		return -1;
	r->at = at;
	r->at[r->n++] = r->used;
	if (len)
		memcpy(r->text + r->used, s, len);
	r->text[r->used + len] = '\0';
	r->used += len + 1;
	return 0;
}

/* Field i of the record, "" when the record has no such field (or i is NO_COLUMN). */
static const char *field(const struct record *r, size_t i)
{
	return i < r->n ? r->text + r->at[i] : "";
}

/* Appends src to the string in dst (size bytes), control characters (and CR LF) as a space,
 * cut at a character boundary when it does not fit. Returns 0, or -1 when src was cut. */
static int append_text(char *dst, size_t size, const char *src)
{
	size_t w = strlen(dst), n = strlen(src), room = size - 1 - w, i;
	int cut = n > room;

	if (cut) {
		n = room;
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++)
		if (src[i] != '\r' || src[i + 1] != '\n')
			dst[w++] = (unsigned char)src[i] < 0x20 || src[i] == 0x7f ? ' ' : src[i];
	dst[w] = '\0';
	return cut ? -1 : 0;
}

/* Records column i named name in c when it is one of header_names (the first column of a
 * kind wins; remarks add up to MAX_REMARKS). Returns 1 when the name is known, else 0. */
static int name_column(struct columns *c, const char *name, size_t i)
{
	size_t k, *slot = NULL;

	for (k = 0; k < nitems(header_names); k++)
		if (strcasecmp(name, header_names[k].name) == 0)
			break;
	if (k == nitems(header_names))
		return 0;
	switch (header_names[k].col) {
	case COL_DATE: slot = &c->date; break;
	case COL_CREDIT: slot = &c->credit; break;
	case COL_AMOUNT: slot = &c->amount; break;
	case COL_DIRECTION: slot = &c->direction; break;
	case COL_PAYER: slot = &c->payer; break;
	case COL_SERIAL: slot = &c->serial; break;
	case COL_REMARK:
		if (c->remarks < MAX_REMARKS)
			c->remark[c->remarks++] = i;
		return 1;
	}
	if (*slot == NO_COLUMN)
		*slot = i;
	return 1;
}

/* Takes the record as the header row when it names at least two known columns; gives up
 * (st->err) past HEADER_RECORDS records, or when the header has no amount column. */
static void find_header(struct state *st)
{
	struct columns c = { NO_COLUMN, NO_COLUMN, NO_COLUMN, NO_COLUMN, NO_COLUMN, NO_COLUMN, { 0 }, 0 };
	size_t i;
	int named = 0;

	for (i = 0; i < st->rec.n; i++)
		named += name_column(&c, field(&st->rec, i), i);
	if (named >= 2) {
		st->cols = c;
		st->header = 1;
		if (c.credit == NO_COLUMN && c.amount == NO_COLUMN)
			st->err = ERR_NO_AMOUNT;
	} else if (st->records >= HEADER_RECORDS) {
		st->err = ERR_NO_HEADER;
	}
}

/* Takes one optional '+' or '-' at *s into *sign (-1 or 1) when *sign is still 0. */
static void take_sign(const char **s, int *sign)
{
	if (!*sign && (**s == '+' || **s == '-'))
		*sign = *(*s)++ == '-' ? -1 : 1;
}

/* Skips a currency mark (￥, ¥, RMB or CNY, then spaces) at the start of s. */
static const char *skip_currency(const char *s)
{
	if (strncmp(s, "\xef\xbf\xa5", 3) == 0)
		s += 3;
	else if (strncmp(s, "\xc2\xa5", 2) == 0)
		s += 2;
	else if (strncasecmp(s, "RMB", 3) == 0 || strncasecmp(s, "CNY", 3) == 0)
		s += 3;
	return s + strspn(s, " ");
}

/* Copies the number s into out (size bytes) without its thousands separators, which must
 * group the integer part by three. Returns 0, or -1 when they do not or it does not fit. */
static int drop_separators(const char *s, char *out, size_t size)
{
	size_t n = 0, rest;
	int group = -1;		/* digits since the last ',', -1 before the first */

	for (; (*s >= '0' && *s <= '9') || *s == ','; s++) {
		if (*s == ',') {
			if (group < 0 ? n == 0 || n > 3 : group != 3)
				return -1;
			group = 0;
			continue;
		}
		if (n + 1 >= size)
			return -1;
		out[n++] = *s;
		group += group >= 0;
	}
	rest = strlen(s);
	if ((group >= 0 && group != 3) || n + rest >= size)
		return -1;
	memcpy(out + n, s, rest + 1);
	return 0;
}

/* Parses a bank amount exactly ("1,234.50", "￥650.00", "-650", "RMB 650.5"; at most two
 * decimals) into signed fen. Returns 0, or -1 when s is not such an amount. */
static int parse_amount(const char *s, int64_t *fen)
{
	char digits[AMOUNT_MAX];
	int sign = 0;

	take_sign(&s, &sign);
	s = skip_currency(s);
	take_sign(&s, &sign);
	if (drop_separators(s, digits, sizeof(digits)) != 0 || util_yuan_to_fen(digits, fen) != 0)
		return -1;
	if (sign < 0)
		*fen = -*fen;
	return 0;
}

/* Reads min to max digits at *s into *v, advancing *s. Returns 0, or -1 when there are fewer. */
static int read_number(const char **s, int min, int max, int *v)
{
	int n = 0;

	for (*v = 0; n < max && **s >= '0' && **s <= '9'; n++)
		*v = *v * 10 + *(*s)++ - '0';
	return n >= min ? 0 : -1;
}

/* 1 when part (year, month, day) is a day of the calendar from 1900 on (checked by
 * timegm's normalisation), with *tm set to it; else 0. */
static int real_day(const int part[3], struct tm *tm)
{
	if (part[0] < 1900)
		return 0;
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = part[0] - 1900;
	tm->tm_mon = part[1] - 1;
	tm->tm_mday = part[2];
	tm->tm_hour = 12;
	return timegm(tm) != (time_t)-1 && tm->tm_year == part[0] - 1900 && tm->tm_mon == part[1] - 1 &&
	       tm->tm_mday == part[2];
}

/* 1 when s, what follows a date, is empty or a time (digits, ':' and '.') after a space,
 * tab or 'T'; after a compact date also six digits (20261201103000); else 0. */
static int time_or_end(const char *s, int compact)
{
	if (compact && strlen(s) == 6 && strspn(s, "0123456789") == 6)
		return 1;
	if (*s != ' ' && *s != '\t' && *s != 'T')
		return !*s;
	s++;
	return *s >= '0' && *s <= '9' && s[strspn(s, "0123456789:. ")] == '\0';
}

/* Reads the year, month and day at the start of s, each followed by its separator in sep
 * (compact dates, without separators, have two-digit months and days). Returns what follows
 * the date, or NULL when s does not start with one. */
static const char *read_date(const char *s, const char *const sep[3], int part[3])
{
	int width = *sep[0] ? 1 : 2, i;

	for (i = 0; i < 3; i++) {
		if (read_number(&s, i ? width : 4, i ? 2 : 4, &part[i]) != 0 ||
		    strncmp(s, sep[i], strlen(sep[i])) != 0)
			return NULL;
		s += strlen(sep[i]);
	}
	return s;
}

/* Writes the date s (2026-12-01, 2026/12/1, 20261201 or 2026年12月01日, optionally followed
 * by a time) as YYYY-MM-DD into out[11]; "" when it is none of these or not a real day. */
static void parse_date(const char *s, char *out)
{
	static const char *const seps[][3] = {
		{ "-", "-", "" }, { "/", "/", "" }, { "年", "月", "日" }, { "", "", "" },
	};
	const char *rest;
	struct tm tm;
	size_t f;
	int part[3];

	out[0] = '\0';
	for (f = 0; f < nitems(seps); f++) {
		rest = read_date(s, seps[f], part);
		if (rest && time_or_end(rest, !*seps[f][0]) && real_day(part, &tm)) {
			strftime(out, 11, "%Y-%m-%d", &tm);
			return;
		}
	}
}

/* 1 when the record is a summary line (its first non-empty cell begins with 合计 and the
 * like), else 0. */
static int is_summary(const struct record *r)
{
	size_t i, k;

	for (i = 0; i < r->n && !*field(r, i); i++)
		;
	for (k = 0; i < r->n && k < nitems(summary_words); k++)
		if (strncmp(field(r, i), summary_words[k], strlen(summary_words[k])) == 0)
			return 1;
	return 0;
}

/* Joins the record's non-empty remark cells with spaces into remark (size bytes). */
static void join_remarks(const struct state *st, char *remark, size_t size)
{
	size_t i;

	for (i = 0; i < st->cols.remarks; i++) {
		const char *s = field(&st->rec, st->cols.remark[i]);

		if (!*s)
			continue;
		if ((*remark && append_text(remark, size, " ") != 0) || append_text(remark, size, s) != 0)
			return;
	}
}

/* 1 when a direction cell (借贷标志 and the like) marks a credit: 贷, 收, 收入, 贷方, 入, C, CR or
 * Credit; anything else (借, 支, D, empty) is not. */
static int credit_mark(const char *v)
{
	static const char *const marks[] = { "贷", "收", "收入", "贷方", "入", "C", "CR", "Credit", NULL };
	size_t i;

	for (i = 0; marks[i]; i++)
		if (strcasecmp(v, marks[i]) == 0)
			return 1;
	return 0;
}

/* Adds the record (a data row starting on line) to st->rows when it is a credit: its credit
 * cell (an empty one is a debit) or else its amount parses to more than 0 fen, and when
 * there is a direction column (only with an amount column) it marks a credit. */
static void add_row(struct state *st, int line)
{
	const struct columns *c = &st->cols;
	struct statement_row row, *rows;

	memset(&row, 0, sizeof(row));
	if (is_summary(&st->rec)
	    || (c->credit == NO_COLUMN && c->direction != NO_COLUMN && !credit_mark(field(&st->rec, c->direction))) ||
	    parse_amount(field(&st->rec, c->credit != NO_COLUMN ? c->credit : c->amount), &row.amount_fen) != 0 ||
	    row.amount_fen <= 0)
		return;
	row.line = line;
	parse_date(field(&st->rec, c->date), row.date);
	append_text(row.payer, sizeof(row.payer), field(&st->rec, c->payer));
	append_text(row.serial, sizeof(row.serial), field(&st->rec, c->serial));
	join_remarks(st, row.remark, sizeof(row.remark));
	rows = reserve(st->rows, &st->rowcap, st->nrows + 1, sizeof(row));
	if (!rows) {
		st->err = ERR_MEMORY;
		return;
	}
	st->rows = rows;
	st->rows[st->nrows++] = row;
}

/* libcsv's field callback: checks the size, counts line breaks, keeps the trimmed field. */
static void on_field(void *s, size_t len, void *data)
{
	struct state *st = data;
	const char *f = s;

	if (st->err)
		return;
	if (len > MAX_FIELD) {
		st->err = ERR_FIELD;
		return;
	}
	st->rec.breaks += count_breaks(f, len);
	trim(&f, &len);
	if (record_add(&st->rec, f, len) != 0)
		st->err = ERR_MEMORY;
}

/* libcsv's end-of-record callback: counts the record, then looks for the header in it or
 * takes it as a data row. */
static void on_record(int c, void *data)
{
	struct state *st = data;

	if (!st->err) {
		if (++st->records > MAX_RECORDS)
			st->err = ERR_RECORDS;
		else if (!st->header)
			find_header(st);
		else
			add_row(st, st->line - st->rec.breaks);
	}
	st->rec.used = st->rec.n = 0;
	st->rec.breaks = 0;
}

/* Runs libcsv over text line by line (so each record knows its line), until the end or the
 * first error in st->err. libcsv's lenient mode: bank exports put quotes inside unquoted
 * fields (="6222…", to keep Excel from rounding account numbers), and every cell that
 * matters is checked after parsing anyway. */
static void feed(struct state *st, const char *text, size_t n)
{
	const char *p, *end = text + n, *next;
	struct csv_parser csv;

	if (csv_init(&csv, 0) != 0) {
		st->err = ERR_MEMORY;
		return;
	}
	for (p = text; p < end && !st->err; p = next) {
		next = line_end(p, end);
		st->line++;
		if (csv_parse(&csv, p, (size_t)(next - p), on_field, on_record, st) != (size_t)(next - p))
			st->err = ERR_MEMORY;
	}
	if (!st->err && csv_fini(&csv, on_field, on_record, st) != 0)
		st->err = ERR_MEMORY;
	csv_free(&csv);
}

/* fn is only called once the whole file has parsed: on -1 it was never called. */
int statement_parse(const char *data, size_t len,
    void (*fn)(void *ctx, const struct statement_row *row), void *ctx, const char **err)
{
	struct state st;
	char *text;
	size_t n, i;

	if (!data || len == 0) {
		*err = ERR_EMPTY;
		return -1;
	}
	if (decode(data, len, &text, &n) != 0) {
		*err = ERR_ENCODING;
		return -1;
	}
	memset(&st, 0, sizeof(st));
	feed(&st, text, n);
	free(text);
	if (!st.err && !st.header)
		st.err = ERR_NO_HEADER;
	for (i = 0; !st.err && i < st.nrows; i++)
		fn(ctx, &st.rows[i]);
	free(st.rec.text);
	free(st.rec.at);
	free(st.rows);
	*err = st.err;
	return st.err ? -1 : (int)st.nrows;
}

int statement_find_code(const char *text, char code[9])
{
	static const char alnum[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	size_t run, i;

	code[0] = '\0';
	while (text && *text) {
		run = strspn(text, alnum);
		if (run == 8) {
			for (i = 0; i < 8; i++)
				code[i] = text[i] >= 'a' && text[i] <= 'z' ? (char)(text[i] - 'a' + 'A') : text[i];
			code[8] = '\0';
			if (strspn(code, statement_code_alphabet) == 8)
				return 1;
			code[0] = '\0';
		}
		text += run ? run : 1;
	}
	return 0;
}
