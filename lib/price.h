/* lib/price.h: the price table (subject, kind, project) → fen, per certificate-year or flat, and order amounts. */
#ifndef CERTDESK_PRICE_H
#define CERTDESK_PRICE_H
#include <stdint.h>

/* Looks up a price row: 0 with *fen and *per_year set, -1 when there is none. */
int price_get(const char *subject, const char *kind, const char *project, int64_t *fen,
    int *per_year);

/* The amount of an order: price × cert_count × (years when per year), in fen; -1 when no
 * price row matches or the numbers are out of range (years 1-5, cert_count 1-20). */
int64_t price_amount(const char *subject, const char *kind, const char *project, int years,
    int cert_count);

/* Sets a price row (fen >= 0; per_year 1 or 0 for flat). Returns 0, or -1 for an unknown
 * subject, kind or project. */
int price_set(const char *subject, const char *kind, const char *project, int64_t fen,
    int per_year);

/* Calls fn for every price row in a stable order. */
void price_each(void (*fn)(void *ctx, const char *subject, const char *kind,
    const char *project, int64_t fen, int per_year), void *ctx);
/* Field validator of a price in yuan as an admin types it: 1-7 digits, optionally a point
 * and one or two decimals ("400", "400.5", "400.00"), at most 1,000,000.00. */
const char *price_valid_yuan(const char *v);

/* The largest price a row may hold: 1,000,000 yuan. */
#define PRICE_MAX_FEN 100000000

/* Field validator of per_year: "1" (per certificate-year) or "0" (flat per certificate). */
const char *price_valid_per_year(const char *v);

/* The fen of a text price_valid_yuan accepts ("400.5" → 40050), or -1 for any other text. */
int64_t price_yuan_to_fen(const char *v);

/* Changes the existing price row (subject, kind, project) to fen and per_year in one
 * transaction, reporting the row's former values in *old_fen and *old_per_year: 0 when
 * changed (also when unchanged), 1 when there is no such row (nothing changed), -1 for a
 * value out of range or a storage error. Orders keep the amount fixed at their submission;
 * only later submissions are priced with the new row. */
int price_change(const char *subject, const char *kind, const char *project, int64_t fen,
    int per_year, int64_t *old_fen, int *old_per_year);
#endif
