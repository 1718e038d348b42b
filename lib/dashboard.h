/* lib/dashboard.h: the admin dashboard's figures: orders per day and per status, revenue per month, review times, each counted through an index at a million orders. */
#ifndef CERTDESK_DASHBOARD_H
#define CERTDESK_DASHBOARD_H
#include <stdint.h>

#define DASHBOARD_DAYS 30
#define DASHBOARD_MONTHS 12

/* Orders submitted on one day (its latest submission, in Site.TimeZone). */
struct dashboard_day {
	char day[11];		/* YYYY-MM-DD */
	int64_t orders;
};

/* Money of one calendar month (Site.TimeZone), in fen: received is every payment whose money
 * arrived (到账, also later refunded or to be refunded), by the time it was recorded;
 * refunded what was given back, by the time of the refund; net = received - refunded. */
struct dashboard_month {
	char month[8];		/* YYYY-MM */
	int64_t received, refunded, net;
};

/* Review times of the orders submitted in the last DASHBOARD_DAYS days: from the (latest)
 * submission to the first approval or rejection after it, in milliseconds. */
struct dashboard_review {
	int64_t decided;	/* how many have been decided */
	int64_t waiting;	/* how many have not been decided yet */
	int64_t avg_ms;		/* mean, truncated; 0 when none decided */
	int64_t p90_ms;		/* 90th percentile (nearest rank); 0 when none decided */
};

/* The statuses the dashboard counts (every one but draft), NULL-terminated. */
extern const char *const dashboard_statuses[];

/* Fills out with the DASHBOARD_DAYS days ending today, oldest first. 0, or -1. */
int dashboard_days(struct dashboard_day out[DASHBOARD_DAYS]);

/* The number of orders now in status (one of dashboard_statuses), or -1. */
int64_t dashboard_status_count(const char *status);

/* Fills out with the DASHBOARD_MONTHS calendar months ending with this one, oldest first.
 * 0, or -1. */
int dashboard_months(struct dashboard_month out[DASHBOARD_MONTHS]);

/* Fills out with the review times of the orders submitted in the last DASHBOARD_DAYS days
 * (the same days as dashboard_days). 0, or -1. */
int dashboard_review_times(struct dashboard_review *out);
#endif
