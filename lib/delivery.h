/* lib/delivery.h: production and delivery of the certificate (制证、寄出、待领取、完成、确认收货), each one transaction through the order's life table, and the producer's queue. */
#ifndef CERTDESK_DELIVERY_H
#define CERTDESK_DELIVERY_H
#include <stddef.h>
#include <stdint.h>
#include "lifecycle.h"

/* One carrier a mail order may go with: its code (the form's value) and Chinese label. */
struct delivery_carrier {
	const char *code, *label;
};

/* The carriers, ended by a row with code NULL. */
extern const struct delivery_carrier delivery_carriers[];

/* The Chinese label of carrier code (顺丰速运 ...), or NULL when it is not one of ours. */
const char *delivery_carrier_label(const char *code);

/* Field validators (NULL when valid, else the message): a certificate serial as CFCA issued
 * it, 8-40 hexadecimal digits in either case; a carrier code of delivery_carriers; a
 * tracking number, 6-30 letters and digits. */
const char *delivery_valid_serial(const char *v);
const char *delivery_valid_carrier(const char *v);
const char *delivery_valid_tracking(const char *v);

/* The pickup address and hours of the service hall (Site.PickupAddress, Site.PickupHours,
 * with the defaults conf/certdesk.hdf.example states). */
const char *delivery_pickup_address(void);
const char *delivery_pickup_hours(void);

enum delivery_result {
	DELIVERY_OK,
	DELIVERY_NOT_FOUND,	/* no such order (an applicant's: not theirs); answer 404 */
	DELIVERY_REFUSED,	/* the life table does not allow it now (status, delivery, role); 409 */
	DELIVERY_INVALID,	/* a value is wrong (serial, expiry not after today, carrier, tracking); 422 */
	DELIVERY_ERROR
};

/* Records the certificate of a producing, paid order as staff member staff: serial
 * (delivery_valid_serial; stored upper-case) and expires (a real YYYY-MM-DD strictly after
 * today in Site.TimeZone), with when and by whom, and the timeline's note 证书已制作, in one
 * transaction. Recording it again corrects it. */
enum delivery_result delivery_produce(int64_t order, int64_t staff, const char *serial, const char *expires);

/* Ships a producing, paid mail order whose certificate is recorded: carrier and tracking
 * number stored, shipped, the SMS with both, in one transaction. */
enum delivery_result delivery_ship(int64_t order, int64_t staff, const char *carrier, const char *tracking_no);

/* Makes a producing, paid pickup order whose certificate is recorded ready at the service
 * hall, with the SMS naming the pickup address and hours, in one transaction. */
enum delivery_result delivery_ready(int64_t order, int64_t staff);

/* Completes a shipped or ready order as staff (handed over / delivered), in one transaction. */
enum delivery_result delivery_complete(int64_t order, int64_t staff);

/* The applicant user confirms receipt (确认收货) of their shipped order: completed, in one
 * transaction. DELIVERY_NOT_FOUND when the order is not theirs. */
enum delivery_result delivery_receive(int64_t order, int64_t user);

/* What the order page shows of delivery: the recorded certificate, the shipment. Strings
 * are "" when not set. */
struct delivery_info {
	char serial[48], expires[12], carrier[8], tracking_no[32];
	int64_t produced_ms, shipped_ms, completed_ms;
};

/* Loads the delivery data of order into *out; 1 when the order exists. */
int delivery_get(int64_t order, struct delivery_info *out);

/* One row of the producer's queue. */
struct delivery_row {
	int64_t id, submitted_ms;
	char subject[12], kind[10], status[12], delivery[8];
	char name[128];		/* the organisation, or the person */
	int has_cert;
	char carrier[8], tracking_no[32];
};

/* Calls fn for the paid orders in status (producing: to produce and ship or make ready;
 * shipped; ready), oldest submission first, from the index orders_production, skipping
 * offset rows, at most limit; returns the total count (-1 for a status outside these). */
int delivery_list(const char *status, int offset, int limit,
    void (*fn)(void *ctx, const struct delivery_row *row), void *ctx);

#endif
