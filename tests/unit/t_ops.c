/* tests/unit/t_ops.c: the admin's running of the platform in the library: prices typed in yuan and changed with their old value, the CSV export's quoting, text numbers, masking and formula neutralisation byte for byte, and the bar chart's axis. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "tsite.h"
#include "crypto.h"
#include "export.h"
#include "price.h"
#include "svgchart.h"

static char dir[] = "/tmp/t_ops.XXXXXX";

static void test_yuan(void)
{
	static const struct { const char *in; long long fen; } cases[] = {
		{ "400", 40000 }, { "400.5", 40050 }, { "400.05", 40005 }, { "0", 0 }, { "0.01", 1 },
		{ "1000000", 100000000 }, { "1000000.00", 100000000 }, { "1000000.01", -1 }, { "12.345", -1 },
		{ "12.", -1 }, { ".5", -1 }, { "", -1 }, { "-1", -1 }, { "1e3", -1 }, { "12345678", -1 },
		{ " 12", -1 }, { "12 ", -1 }, { "四百", -1 }, { "0400", 40000 },
	};
	size_t i;
	char name[80];

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(name, sizeof(name), "yuan \"%s\" is %lld fen", cases[i].in, cases[i].fen);
		is_int(price_yuan_to_fen(cases[i].in), cases[i].fen, name);
	}
	ok(price_valid_yuan("400.00") == NULL && price_valid_yuan("4OO") != NULL, "the field validator agrees");
	ok(price_valid_per_year("1") == NULL && price_valid_per_year("0") == NULL && price_valid_per_year("2") != NULL,
	    "per_year is 0 or 1");
}

static void test_change(void)
{
	int64_t fen = 0;
	int per_year = -1;

	is_int(price_change("enterprise", "new", "both", 70050, 1, &fen, &per_year), 0, "a price row changes");
	ok(fen == 65000 && per_year == 1, "and its former value (650.00 a year) is told");
	price_get("enterprise", "new", "both", &fen, &per_year);
	ok(fen == 70050 && per_year == 1, "the new one is stored");
	is_int(price_change("enterprise", "new", "nothing", 100, 1, &fen, &per_year), 1, "an unknown row is not made");
	is_int(price_change("enterprise", "new", "both", 100000001, 1, &fen, &per_year), -1, "over 1,000,000 yuan refused");
	price_get("enterprise", "new", "both", &fen, &per_year);
	is_int(fen, 70050, "and changed nothing");
}

/* The CSV written by export_csv, kept in memory for the checks. */
struct sink { char buf[65536]; size_t len; int calls; };
static int into(void *ctx, const void *buf, size_t n)
{
	struct sink *s = ctx;

	if (s->len + n > sizeof(s->buf))
		return -1;
	memcpy(s->buf + s->len, buf, n);
	s->len += n;
	s->calls++;
	return 0;
}
static int refuse(void *ctx, const void *buf, size_t n) { (void)ctx; (void)buf; (void)n; return -1; }

static void test_export(int64_t user)
{
	struct sink *s = calloc(1, sizeof(*s));
	int64_t id = tsite_add_order(user, "pending", "unpaid", 65000);
	char *sealed = crypto_seal("11010519491231002X"), want[600];

	tsite_add_order(user, "draft", "unpaid", -1);
	db_exec("UPDATE orders SET org_name = ?, legal_name = '+86', agent_name = '@x', legal_id_sealed = ?,"
	    " uscc = '914403001922038216' WHERE id = ?", "tti", "=cmd|' /C calc'!A0,\"引号\"\r\n第二行", sealed, id);
	free(sealed);
	is_int(export_csv("orders", 0, 4102444800000LL, into, s), 1,
	    "one submitted order exported (the draft is not)");
	s->buf[s->len < sizeof(s->buf) ? s->len : sizeof(s->buf) - 1] = '\0';
	ok(memcmp(s->buf, "\xef\xbb\xbf\"业务单号\",\"提交时间\"", strlen("\xef\xbb\xbf\"业务单号\",\"提交时间\"")) == 0,
	    "a byte-order mark, then the quoted header");
	snprintf(want, sizeof(want), "\r\n\"\t%lld\",", (long long)id);
	ok(strstr(s->buf, want) != NULL, "the order number starts a CRLF record, as text (a tab before its digits)");
	ok(strstr(s->buf, ",\"'=cmd|' /C calc'!A0,\"\"引号\"\"\r\n第二行\",") != NULL,
	    "a formula cell gets ', quotes are doubled, comma and CR LF stay inside the quotes");
	ok(strstr(s->buf, ",\"\t914403001922038216\",\"'+86\",\"110***********002X\",\"'@x\",") != NULL,
	    "USCC as text, + and @ neutralised, the ID number masked");
	ok(!strstr(s->buf, "11010519491231002X"), "the full ID number is nowhere");
	db_exec("UPDATE orders SET uscc = '=1+1', issued_serial = '0A1B' WHERE id = ?", "i", id);
	s->len = 0;
	export_csv("orders", 0, 4102444800000LL, into, s);
	s->buf[s->len < sizeof(s->buf) ? s->len : sizeof(s->buf) - 1] = '\0';
	ok(strstr(s->buf, ",\"'=1+1\",") && strstr(s->buf, ",\"0A1B\","),
	    "a number column holding other text gets no tab: it is neutralised like any cell");
	ok(s->len > 2 && memcmp(s->buf + s->len - 2, "\r\n", 2) == 0, "the last record ends with CRLF");
	is_int(export_csv("orders", 0, 4102444800000LL, refuse, NULL), -1, "a client gone ends the export with -1");
	is_int(export_csv("users", 0, 4102444800000LL, into, s), -1, "only orders, payments and invoices are exported");
	ok(export_valid_what("payments") == NULL && export_valid_what("users") != NULL, "what is validated");
	free(s);
}

static void test_chart(void)
{
	struct svgchart_bar bars[3] = { { "a", 30, "30" }, { "b", 0, "0" }, { "c", 12, "12" } };
	HDF *hdf = NULL;

	if (hdf_init(&hdf) != STATUS_OK) {
		ok(0, "hdf_init");
		return;
	}
	svgchart_bars(hdf, "C", bars, 3, 720, 240, 1);
	is_str(hdf_get_value(hdf, "C.Ticks.4.Label", ""), "40", "30 at most: the axis reaches 40 in steps of 10");
	is_str(hdf_get_value(hdf, "C.Bars.1.H", ""), "0.0", "a zero draws no bar");
	is_str(hdf_get_value(hdf, "C.Bars.0.Y", ""), "61.5", "30 of 40 stands three quarters of the 198-unit plot high");
	svgchart_bars(hdf, "M", bars, 3, 720, 240, 100);
	is_str(hdf_get_value(hdf, "M.Ticks.4.Label", ""), "4", "in yuan (divisor 100): 30 fen reach an axis of 4 yuan");
	hdf_destroy(&hdf);
}

int main(void)
{
	int64_t user;

	if (tsite_open(dir) != 0) {
		printf("Bail out! cannot make the site\n");
		return 1;
	}
	user = tsite_add_user("13912345678");
	test_yuan();
	test_change();
	test_export(user);
	test_chart();
	tsite_close(dir);
	return done_testing();
}
