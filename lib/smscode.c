/* lib/smscode.c: issuing and checking SMS verification codes, with the per-mobile and per-address limits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "smscode.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "outbox.h"
#include "ratelimit.h"
#include "sms.h"
#include "util.h"

#define MINUTE_MS 60000LL
#define DAY_MS (24 * 60 * MINUTE_MS)

static const char *purpose_name(enum code_purpose p)
{
	return p == CODE_RESET ? "reset" : "register";
}

/* Writes the keyed hash of mobile, purpose and code into out[65]. */
static int code_mac(const char *mobile, enum code_purpose p, const char *code, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char mac[32];
	char msg[64];
	int i, n = snprintf(msg, sizeof(msg), "%s|%s|%s", mobile, purpose_name(p), code);

	if (n < 0 || (size_t)n >= sizeof(msg) || crypto_mac("sms-code", msg, (size_t)n, mac) != 0)
		return -1;
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[mac[i] >> 4];
		out[2 * i + 1] = hex[mac[i] & 15];
	}
	out[64] = '\0';
	return 0;
}

enum code_result code_send(const char *mobile, enum code_purpose purpose, const char *addr)
{
	int64_t now = clock_now_ms();
	char code[7], mac[65], *text;
	enum code_result res = CODE_SENT;

	if (crypto_code6(code) != 0 || code_mac(mobile, purpose, code, mac) != 0)
		return CODE_ERROR;
	text = sms_text(purpose_name(purpose), code);
	if (!text)
		return CODE_ERROR;
	if (db_begin() != 0) {
		free(text);
		return CODE_ERROR;
	}
	if (db_int("SELECT count(*) FROM sms_codes WHERE mobile = ? AND created_ms > ?", 0, "ti",
	    mobile, now - MINUTE_MS) > 0)
		res = CODE_TOO_SOON;
	else if (db_int("SELECT count(*) FROM sms_codes WHERE mobile = ? AND created_ms > ?", 0, "ti",
	    mobile, now - DAY_MS) >= 10)
		res = CODE_DAILY_LIMIT;
	else if (!rate_allow("sms_addr", addr, 60 * MINUTE_MS, CODE_ADDR_PER_HOUR))
		res = CODE_ADDR_LIMIT;
	if (res == CODE_SENT) {
		rate_note("sms_addr", addr);
		db_exec("UPDATE sms_codes SET spent = 1 WHERE mobile = ? AND purpose = ? AND spent = 0",
		    "tt", mobile, purpose_name(purpose));
		if (db_exec("INSERT INTO sms_codes (mobile, purpose, code_mac, created_ms, expires_ms, addr)"
		    " VALUES (?, ?, ?, ?, ?, ?)", "tttiit", mobile, purpose_name(purpose), mac, now,
		    now + CODE_VALID_MS, addr) != 1 || outbox_sms(mobile, text) < 0)
			res = CODE_ERROR;
	}
	free(text);
	if (res == CODE_SENT)
		return db_commit() == 0 ? CODE_SENT : CODE_ERROR;
	db_rollback();
	return res;
}

int code_use(const char *mobile, enum code_purpose purpose, const char *code)
{
	char mac[65], stored[65] = "";
	sqlite3_stmt *st;
	int64_t id = 0, now = clock_now_ms();
	int ok;

	if (code_mac(mobile, purpose, code, mac) != 0 || db_begin() != 0)
		return 0;
	st = db_prepare("SELECT id, code_mac FROM sms_codes WHERE mobile = ? AND purpose = ?"
	    " AND spent = 0 AND expires_ms > ? AND tries < ? ORDER BY created_ms DESC LIMIT 1");
	if (st && db_bindv(st, "ttii", mobile, purpose_name(purpose), now, (int64_t)CODE_MAX_TRIES) == 0
	    && sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, stored, sizeof(stored));
	}
	if (st)
		sqlite3_reset(st);
	if (!id) {
		db_rollback();
		return 0;
	}
	ok = strlen(stored) == 64 && crypto_equal(stored, mac, 64);
	if (ok)
		db_exec("UPDATE sms_codes SET spent = 1 WHERE id = ?", "i", id);
	else
		db_exec("UPDATE sms_codes SET tries = tries + 1 WHERE id = ?", "i", id);
	return db_commit() == 0 && ok;
}

const char *code_message(enum code_result result)
{
	switch (result) {
	case CODE_SENT: return "验证码已发送，5分钟内有效";
	case CODE_TOO_SOON: return "验证码发送过于频繁，请60秒后再试";
	case CODE_DAILY_LIMIT: return "该手机号今日获取验证码次数已达上限";
	case CODE_ADDR_LIMIT: return "操作过于频繁，请稍后再试";
	default: return "验证码发送失败，请稍后再试";
	}
}
