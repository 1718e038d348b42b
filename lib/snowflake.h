/* lib/snowflake.h: 64-bit order numbers (业务单号): ms since 2010-11-04T01:42:54.657Z << 22 | worker << 12 | sequence. */
#ifndef CERTDESK_SNOWFLAKE_H
#define CERTDESK_SNOWFLAKE_H
#include <stdint.h>

#define SNOW_EPOCH_MS 1288834974657LL

/* The next order number of this process; the 10-bit worker id is leased from the
 * snowflake_workers table on first use (renewed as it runs, released at exit), and each
 * lease starts after the last millisecond its previous holder used. Call it outside a
 * transaction (a lease is written in its own; inside one, a due lease fails). Returns -1
 * on error. */
int64_t snow_next(void);

/* Releases this process's worker lease (called at exit). */
void snow_release(void);

/* Splits an order number into its time (ms since the Unix epoch), worker and sequence. */
void snow_parts(int64_t id, int64_t *ms, int *worker, int *seq);
#endif
