/* lib/alipay.h: the Alipay open-platform protocol layer: sign strings, RSA2 signing and verification, responses, notifications, request bodies. */
#ifndef CERTDESK_ALIPAY_H
#define CERTDESK_ALIPAY_H
#include <stddef.h>
#include <stdint.h>

/* Builds the string Alipay signs from params, a NULL-ended list of name, value pairs
 * ({"app_id", "1", "method", "m", NULL}): pairs named "sign" are dropped, and also
 * "sign_type" when exclude_sign_type is set (notification verification; request signing
 * keeps it); pairs with an empty (or NULL) name or value are dropped; the rest are sorted
 * by name in byte order (then by value, so duplicates sort deterministically) and joined
 * raw, not URL-encoded, as name=value&name=value. Stores a malloc'd string (possibly
 * empty) in *out. Returns 0, or -1 on allocation failure (*out is then NULL). */
int alipay_sign_string(const char *const *params, int exclude_sign_type, char **out);

/* Signs data (NUL-terminated) with SHA256withRSA (PKCS#1 v1.5) under the RSA private key
 * in the file private_key_pem_path: PKCS#8 or PKCS#1 PEM, or one bare base64 line of
 * PKCS#8 or PKCS#1 DER (Alipay's key tool writes those). Keys shorter than 2048 bits are
 * refused. Stores the malloc'd standard base64 signature (with padding, one line) in
 * *b64. Returns 0, or -1 (unreadable key, not RSA, OpenSSL failure; *b64 is NULL). */
int alipay_rsa2_sign(const char *private_key_pem_path, const char *data, char **b64);

/* Checks the base64 SHA256withRSA signature b64sig over the len bytes of data with the RSA
 * public key in the file public_key_pem_path: a "-----BEGIN PUBLIC KEY-----" PEM, or one
 * bare base64 line of SubjectPublicKeyInfo DER as Alipay hands it out (PKCS#1
 * "RSA PUBLIC KEY" is accepted too). Returns 1 when valid, 0 when invalid (including a
 * malformed or wrong-length signature), -1 when the key cannot be loaded. */
int alipay_rsa2_verify(const char *public_key_pem_path, const char *data, size_t len,
		       const char *b64sig);

/* Verifies a gateway answer such as {"alipay_trade_precreate_response":{...},"sign":"..."}.
 * The node name is method with '.' replaced by '_' plus "_response". The signature covers
 * the raw text of that node's value exactly as it appears in raw_json (from its '{' to the
 * matching '}', found by scanning the text with strings and escapes respected, never by
 * re-serialising). The body must be one well-formed JSON object without duplicate keys.
 * On 1 stores a malloc'd copy of the verified node text in *node_json for the caller to
 * parse; otherwise *node_json is NULL. Returns 1 verified, 0 bad signature or missing /
 * malformed parts (e.g. an error_response node), -1 on error (key, allocation). */
int alipay_response_verify(const char *raw_json, const char *method, const char *public_key_path,
			   char **node_json);

/* The fields of an asynchronous notification the application uses. Strings are empty
 * when the parameter was absent (only the optional ones may be). */
struct alipay_notify {
	char app_id[40], out_trade_no[40], trade_no[80], trade_status[32], seller_id[40],
		buyer_logon_id[100];
	int64_t total_fen;
	char notify_id[100];
};

/* Parses and verifies a notification: body is the raw application/x-www-form-urlencoded
 * POST of len bytes (any parameter order, '+' is a space, %XX decoded; unknown parameters
 * are signed whatever their names). The parameters are URL-decoded, "sign" and
 * "sign_type" left out, the rest sorted and verified with RSA2 against Alipay's public key
 * before any field is looked at; sign_type, when present, must be "RSA2". Then out is
 * filled (zeroed first): total_amount is parsed exactly (util_yuan_to_fen). Returns 1
 * when the signature is valid and app_id, out_trade_no, trade_status, total_amount and
 * sign are present and well-formed (every copied field fits its array); 0 when the
 * signature is bad, a field is missing or malformed, the encoding is broken (bad %XX, a
 * decoded NUL) or a parameter appears twice; -1 on error (key, allocation). The caller
 * still checks app_id, out_trade_no, the amount and trade_status against its own records. */
int alipay_notify_parse(const char *body, size_t len, const char *public_key_path,
			struct alipay_notify *out);

/* Builds the signed application/x-www-form-urlencoded body of a gateway request: app_id,
 * method, format=JSON, charset=utf-8, sign_type=RSA2, timestamp ("yyyy-MM-dd HH:mm:ss" in
 * Asia/Shanghai, UTC+8, from now_s), version=1.0, notify_url when non-empty, biz_content,
 * and sign (RSA2 over all of these with the application's private key). Values are
 * percent-encoded per RFC 3986 (unreserved characters kept). Stores the malloc'd body in
 * *form_body. Returns 0, or -1 (missing argument, key or allocation failure). */
int alipay_build_request(const char *app_id, const char *method, const char *biz_content_json,
			 const char *notify_url, const char *private_key_path, int64_t now_s,
			 char **form_body);

/* Writes fen as Alipay's amount with two decimals ("650.00", "0.01") into out.
 * Returns 0, or -1 when fen is negative (out is then ""). */
int alipay_fen_to_amount(int64_t fen, char out[24]);

#endif
