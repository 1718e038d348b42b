/* lib/alipay_gw.h: the Alipay gateway client: alipay.trade.precreate, .query and .close sent with libcurl, every answer's signature verified before it is parsed. */
#ifndef CERTDESK_ALIPAY_GW_H
#define CERTDESK_ALIPAY_GW_H
#include <stdint.h>

/* How a gateway call ended. */
enum alipay_gw_result {
	ALIPAY_GW_OK,		/* code 10000: the reply's fields are filled */
	ALIPAY_GW_NOT_EXIST,	/* query/close: ACQ.TRADE_NOT_EXIST (never scanned: not paid yet) */
	ALIPAY_GW_REFUSED,	/* another business error: code, sub_code and sub_msg say which */
	ALIPAY_GW_UNREACHABLE,	/* connection, TLS, timeout or a non-2xx HTTP status; for 30 s after
				 * a timeout, every call of the process, at once */
	ALIPAY_GW_BAD_REPLY,	/* unsigned, badly signed or malformed answer: nothing in it is believed */
	ALIPAY_GW_CONFIG	/* Alipay.Gateway, AppId or a key file is missing or unusable */
};

/* What a verified answer said (strings empty when absent). */
struct alipay_gw_reply {
	char code[16], msg[64], sub_code[64], sub_msg[200];
	char out_trade_no[64];
	char qr_code[512];		/* precreate */
	char trade_no[80];		/* query, close */
	char trade_status[32];		/* query: WAIT_BUYER_PAY, TRADE_SUCCESS, TRADE_FINISHED, TRADE_CLOSED */
	char buyer_logon_id[100];	/* query */
	int64_t total_fen;		/* query: total_amount in fen, -1 when absent */
};

/* 1 when the configuration names a gateway, an app id and both key files (Alipay is
 * offered to applicants), else 0. */
int alipay_gw_configured(void);

/* alipay.trade.precreate for out_trade_no of fen (> 0) with subject (UTF-8, at most 256
 * bytes) and timeout_express "2h", notify_url from Alipay.NotifyURL: fills out (zeroed
 * first) and returns ALIPAY_GW_OK with out->qr_code set, or another result. The request
 * is signed RSA2 with Alipay.PrivateKeyFile; the answer must be signed with
 * Alipay.PublicKeyFile and name the same out_trade_no. */
enum alipay_gw_result alipay_gw_precreate(const char *out_trade_no, int64_t fen, const char *subject,
    struct alipay_gw_reply *out);

/* alipay.trade.query for out_trade_no: ALIPAY_GW_OK with trade_status, trade_no,
 * total_fen and buyer_logon_id; ALIPAY_GW_NOT_EXIST when Alipay has no such trade yet. */
enum alipay_gw_result alipay_gw_query(const char *out_trade_no, struct alipay_gw_reply *out);

/* alipay.trade.close for out_trade_no (a replaced or expired QR code): ALIPAY_GW_OK when
 * closed, ALIPAY_GW_NOT_EXIST when never scanned (nothing to close), ALIPAY_GW_REFUSED
 * e.g. with ACQ.TRADE_STATUS_ERROR when it was paid meanwhile (query it then). */
enum alipay_gw_result alipay_gw_close(const char *out_trade_no, struct alipay_gw_reply *out);
#endif
