/* lib/storage.h: room in the data directory: the check before a request writes anything, and the record of a write refused for lack of space, so the answer is a clear 503 (SECURITY.md 22). */
#ifndef CERTDESK_STORAGE_H
#define CERTDESK_STORAGE_H
#include <stdint.h>

/* The page text of a request refused for lack of space (req_error turns any 5xx into a 503
 * with it and the title 系统繁忙，存储空间不足 when storage_full). */
#define STORAGE_FULL_MESSAGE "系统繁忙：服务器存储空间不足，您提交的内容未保存，请稍后再试"

/* 1 when Data.Dir's file system has room for need more bytes plus Data.MinFreeBytes
 * (default 4 MiB: what the database's journal and a moment's other writers need), or when
 * it cannot be asked (statvfs failed); 0 when a write of need bytes should not start. */
int storage_room(uint64_t need);

/* Records err (an errno) when it says the disk is full (ENOSPC, EDQUOT); other values are
 * ignored. lib/db.c calls it for SQLITE_FULL. */
void storage_note(int err);

/* 1 when, since storage_reset, a write was refused for lack of space (storage_note) or
 * Data.Dir now has less than Data.MinFreeBytes free: an error answer is then a 503 that
 * says so. */
int storage_full(void);

/* Forgets what storage_note recorded: at the start of every request. */
void storage_reset(void);
#endif
