/* lib/util.h: small helpers every module shares (array length, masked display, checked string copy). */
#ifndef CERTDESK_UTIL_H
#define CERTDESK_UTIL_H
#include <stddef.h>
#include <stdint.h>

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

/* The bytes, with the NUL, of a buffer for a text of at most chars UTF-8 characters. */
#define UTF8_BYTES(chars) ((chars) * 4 + 1)

/* Copies src into dst (size bytes), always NUL-terminated; returns 0, or -1 when it did
 * not fit: then dst holds the longest prefix that fits and ends between UTF-8 characters
 * (a cut never leaves part of a character). Every cut of text goes through here. */
int util_copy(char *dst, size_t size, const char *src);

/* Appends src to the NUL-terminated text in dst (a buffer of size bytes) as util_copy
 * copies: whole characters only; returns 0, or -1 when src did not fit whole (or dst was
 * not terminated within size). Every join of text goes through here. */
int util_append(char *dst, size_t size, const char *src);

/* Writes a mobile masked as 139****5678 into out (size >= 12); other lengths are fully starred. */
void util_mask_mobile(const char *mobile, char *out, size_t size);

/* Writes an ID number masked as 350***********1234 (first 3, last 4 kept) into out. */
void util_mask_id(const char *id, char *out, size_t size);

/* Formats fen as yuan with two decimals ("650.00") into out; never uses floating point. */
void util_fen_to_yuan(int64_t fen, char *out, size_t size);

/* Writes a short readable label of a User-Agent ("Chrome 156 · Windows", "微信 · Android",
 * "Safari · iPhone") into out; "未知浏览器" parts when nothing is recognised. */
void util_agent_label(const char *ua, char *out, size_t size);

/* Reads the regular file at path (at most max bytes, not empty) into a malloc'd buffer;
 * 0 with *buf and *len set, or -1 (nothing allocated). */
int util_read_file(const char *path, long max, unsigned char **buf, size_t *len);

/* Returns 1 when s is non-NULL and not empty. */
int util_present(const char *s);
/* 1 when word is one of the words of list, separated by any of the characters of seps
 * (e.g. " ," or " "); 0 otherwise. */
int util_word_in(const char *list, const char *word, const char *seps);


/* Writes the n bytes at p to fd, retrying short writes and EINTR; 0, or -1 with errno set. */
int util_write_all(int fd, const void *p, size_t n);
/* Parses an amount in yuan exactly, without floating point: digits, optionally '.' and one
 * or two digits ("650" -> 65000, "650.5" -> 65050, "0.01" -> 1). Signs, exponents,
 * spaces, a bare '.', three decimals or more than 13 integer digits are refused (Alipay's
 * total_amount, a bank statement's amount, a price typed by an admin). Returns 0 and stores
 * *fen, or -1. */
int util_yuan_to_fen(const char *s, int64_t *fen);
#endif
