/* cgi-bin/admin_ops.c: the admin's running of the platform on the staff page: the price table and its changes, the dashboard's charts, and the CSV exports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "admin.h"
#include "clock.h"
#include "dashboard.h"
#include "export.h"
#include "order.h"
#include "price.h"
#include "svgchart.h"

/* ------------------------------------------------------------ prices */

/* Adds a price row (Prices.N.*). */
static void add_price(void *ctx, const char *subject, const char *kind, const char *project, int64_t fen,
    int per_year)
{
	struct req *r = ctx;
	int n = hdf_get_int_value(req_hdf(r), "Prices.Count", 0);
	HDF *row = req_row(r, "Prices", n);
	char yuan[32];

	row_set(row, "Subject", subject);
	row_set(row, "Kind", kind);
	row_set(row, "Project", project);
	row_set(row, "SubjectLabel", order_subject_label(subject));
	row_set(row, "KindLabel", order_kind_label(kind));
	row_set(row, "ProjectLabel", order_project_label(project));
	util_fen_to_yuan(fen, yuan, sizeof(yuan));
	row_set(row, "Yuan", yuan);
	row_set(row, "PerYear", per_year ? "1" : "0");
	req_set_int(r, "Prices.Count", n + 1);
}

/* Sets the option lists of the price form (Subjects, Kinds, Projects: Code and Label). */
static void price_options(struct req *r)
{
	static const char *const lists[][2] = { { "subject", "Subjects" }, { "kind", "Kinds" },
		{ "project", "Projects" } };
	size_t i;
	int n;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		const char *const *pairs = order_labels(lists[i][0]);
		for (n = 0; pairs && pairs[2 * n]; n++) {
			HDF *row = req_row(r, lists[i][1], n);
			row_set(row, "Code", pairs[2 * n]);
			row_set(row, "Label", pairs[2 * n + 1]);
		}
	}
}

/* GET view=prices (admins): the price table and the change form, pre-filled from the row
 * named by subject, kind and project. 200, or status (422) when shown again after bad input. */
void admin_prices_page(struct req *r, int status)
{
	const char *subject = req_value(r, KEY_SUBJECT), *kind = req_value(r, KEY_KIND);
	const char *project = req_value(r, KEY_PROJECT);
	int64_t fen;
	int per_year;
	char yuan[32];

	admin_frame(r, "价格管理");
	req_set(r, "Page.Nav", "prices");
	price_each(add_price, r);
	price_options(r);
	/* "修改" on a row: the form starts from that row's price. */
	if (status == 200 && subject && kind && project && price_get(subject, kind, project, &fen, &per_year) == 0) {
		util_fen_to_yuan(fen, yuan, sizeof(yuan));
		req_set(r, "Form.yuan", yuan);
		req_set(r, "Form.per_year", per_year ? "1" : "0");
	}
	req_render(r, status, "admin/prices.cs");
}

/* POST price_set (admins) with subject, kind, project, yuan and per_year: the price of that
 * row for orders submitted from now on (submitted ones keep their amount), audited with the
 * old and new value. 303 to the price page; 422 with it on bad input; 503. */
void admin_do_price_set(struct req *r)
{
	const char *subject = req_value(r, KEY_SUBJECT), *kind = req_value(r, KEY_KIND);
	const char *project = req_value(r, KEY_PROJECT);
	int64_t fen = price_yuan_to_fen(req_value(r, KEY_YUAN)), old_fen = 0;
	int per_year = strcmp(req_value(r, KEY_PER_YEAR), "1") == 0, old_per_year = 0, rc;
	char detail[200], was[32], now[32];

	rc = price_change(subject, kind, project, fen, per_year, &old_fen, &old_per_year);
	if (rc == 1) {
		req_form_error(r, "没有这一价格项，请从价格表中选择");
		admin_prices_page(r, 422);
		return;
	}
	util_fen_to_yuan(old_fen, was, sizeof(was));
	util_fen_to_yuan(fen, now, sizeof(now));
	snprintf(detail, sizeof(detail), "%s/%s/%s: %s元%s -> %s元%s", subject, kind, project, was,
	    old_per_year ? "/年" : "/张", now, per_year ? "/年" : "/张");
	req_audit(r, "price_set", 0, rc == 0 ? "ok" : "error", detail);
	if (rc != 0) {
		req_error(r, 503, NULL);
		return;
	}
	req_redirect(r, "/cgi-bin/admin.fcgi?view=prices&done=price_set");
}

/* Shows the price page again after bad input. 422. */
void admin_prices_invalid(struct req *r)
{
	admin_prices_page(r, 422);
}

/* ------------------------------------------------------------ dashboard */

/* A duration in ms as the dashboard shows it: "N 分钟" under an hour, else "H.h 小时". */
static void duration(int64_t ms, char *out, size_t size)
{
	if (ms < 3600000)
		snprintf(out, size, "%lld 分钟", (long long)(ms / 60000));
	else
		snprintf(out, size, "%lld.%lld 小时", (long long)(ms / 3600000), (long long)(ms % 3600000 / 360000));
}

/* The orders per day (Days.*) and their chart (DaysChart). */
static int days_chart(struct req *r)
{
	struct dashboard_day days[DASHBOARD_DAYS];
	struct svgchart_bar bars[DASHBOARD_DAYS];
	char labels[DASHBOARD_DAYS][8], texts[DASHBOARD_DAYS][24];
	int i;

	if (dashboard_days(days) != 0)
		return -1;
	for (i = 0; i < DASHBOARD_DAYS; i++) {
		snprintf(labels[i], sizeof(labels[i]), "%s", days[i].day + 5);
		snprintf(texts[i], sizeof(texts[i]), "%lld", (long long)days[i].orders);
		bars[i] = (struct svgchart_bar){ labels[i], days[i].orders, texts[i] };
	}
	svgchart_bars(req_hdf(r), "DaysChart", bars, DASHBOARD_DAYS, 720, 240, 1);
	for (i = 0; i < DASHBOARD_DAYS; i++) {
		HDF *row = req_row(r, "Days", i);
		row_set(row, "Day", days[i].day);
		row_int(row, "Orders", days[i].orders);
	}
	return 0;
}

/* The orders per status (Statuses.*) and their chart (StatusChart). */
static int status_chart(struct req *r)
{
	struct svgchart_bar bars[16];
	char texts[16][24];
	int i;

	for (i = 0; dashboard_statuses[i] && i < 16; i++) {
		int64_t n = dashboard_status_count(dashboard_statuses[i]);
		HDF *row = req_row(r, "Statuses", i);
		if (n < 0)
			return -1;
		snprintf(texts[i], sizeof(texts[i]), "%lld", (long long)n);
		bars[i] = (struct svgchart_bar){ order_status_label(dashboard_statuses[i]), n, texts[i] };
		row_set(row, "Status", dashboard_statuses[i]);
		row_set(row, "Label", bars[i].label);
		row_int(row, "Count", n);
	}
	svgchart_bars(req_hdf(r), "StatusChart", bars, i, 720, 240, 1);
	return 0;
}

/* The money per month (Months.*) and the chart of its net revenue (MoneyChart, in yuan). */
static int money_chart(struct req *r)
{
	struct dashboard_month m[DASHBOARD_MONTHS];
	struct svgchart_bar bars[DASHBOARD_MONTHS];
	char texts[DASHBOARD_MONTHS][32], yuan[32];
	int i;

	if (dashboard_months(m) != 0)
		return -1;
	for (i = 0; i < DASHBOARD_MONTHS; i++) {
		HDF *row = req_row(r, "Months", i);
		util_fen_to_yuan(m[i].net, texts[i], sizeof(texts[i]));
		bars[i] = (struct svgchart_bar){ m[i].month, m[i].net, texts[i] };
		row_set(row, "Month", m[i].month);
		util_fen_to_yuan(m[i].received, yuan, sizeof(yuan));
		row_set(row, "Received", yuan);
		util_fen_to_yuan(m[i].refunded, yuan, sizeof(yuan));
		row_set(row, "Refunded", yuan);
		row_set(row, "Net", texts[i]);
	}
	svgchart_bars(req_hdf(r), "MoneyChart", bars, DASHBOARD_MONTHS, 720, 240, 100);
	return 0;
}

/* The review times of the last days (Review.*). */
static int review_times(struct req *r)
{
	struct dashboard_review rv;
	char text[40];

	if (dashboard_review_times(&rv) != 0)
		return -1;
	req_set_int(r, "Review.Decided", rv.decided);
	req_set_int(r, "Review.Waiting", rv.waiting);
	req_set_int(r, "Review.AvgMs", rv.avg_ms);
	req_set_int(r, "Review.P90Ms", rv.p90_ms);
	duration(rv.avg_ms, text, sizeof(text));
	req_set(r, "Review.Avg", text);
	duration(rv.p90_ms, text, sizeof(text));
	req_set(r, "Review.P90", text);
	return 0;
}

/* GET view=dashboard (admins): the four figures with their charts and tables. 200; 503 when
 * the database cannot be read. */
void admin_dashboard_page(struct req *r)
{
	char now[32];

	admin_frame(r, "运营统计");
	req_set(r, "Page.Nav", "dashboard");
	if (days_chart(r) != 0 || status_chart(r) != 0 || money_chart(r) != 0 || review_times(r) != 0) {
		req_error(r, 503, NULL);
		return;
	}
	clock_format(clock_now_ms(), now, sizeof(now));
	req_set(r, "Dashboard.At", now);
	req_render(r, 200, "admin/dashboard.cs");
}

/* ------------------------------------------------------------ export */

/* The export form (status 200, or 422 with its errors). */
static void export_form(struct req *r, int status)
{
	admin_frame(r, "数据导出");
	req_set(r, "Page.Nav", "export");
	req_render(r, status, "admin/export.cs");
}

/* export_csv's output: the streamed response. */
static int stream_put(void *ctx, const void *buf, size_t n)
{
	return req_stream(ctx, buf, n);
}

/* GET view=export (admin and finance): without what the form (200); with what, from and to
 * (days in Site.TimeZone, both included) the CSV as a streamed attachment (200), audited with
 * who exported what range and how many rows; 422 with the form for a missing, impossible or
 * reversed date. */
void admin_export_view(struct req *r)
{
	const char *what = req_value(r, KEY_WHAT), *from = req_value(r, KEY_FROM), *to = req_value(r, KEY_TO);
	int64_t from_ms = from ? clock_day_start(from) : -1, to_ms = to ? clock_day_start(to) : -1, rows;
	char name[96], detail[96];

	if (!what) {
		export_form(r, 200);
		return;
	}
	if (from_ms < 0)
		req_field_error(r, KEY_FROM, "请填写开始日期（YYYY-MM-DD）");
	if (to_ms < 0)
		req_field_error(r, KEY_TO, "请填写结束日期（YYYY-MM-DD）");
	else if (from_ms > to_ms)
		req_field_error(r, KEY_TO, "结束日期不能早于开始日期");
	if (from_ms < 0 || to_ms < 0 || from_ms > to_ms) {
		export_form(r, 422);
		return;
	}
	snprintf(name, sizeof(name), "%s_%s_%s.csv", export_label(what), from, to);
	req_stream_begin(r, 200, "text/csv; charset=utf-8", name);
	/* the end of day to: China keeps no daylight saving, so a day is 24 hours */
	rows = export_csv(what, from_ms, to_ms + 86400000, stream_put, r);
	snprintf(detail, sizeof(detail), "%s %s..%s rows=%lld", what, from, to, (long long)rows);
	req_audit(r, "export", 0, rows < 0 ? "error" : "ok", detail);
}
