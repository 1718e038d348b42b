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
#endif
