/* lib/storage.c: free space of Data.Dir (statvfs) against a reserve, and the flag of a write refused for lack of space. */
#include <errno.h>
#include <stdlib.h>
#include <sys/statvfs.h>
#include "storage.h"
#include "cfg.h"

#define DEFAULT_RESERVE (4 * 1024 * 1024)

static int full_seen;

/* The configured reserve in bytes (Data.MinFreeBytes; a negative or unreadable value gives
 * the default). */
static uint64_t reserve(void)
{
	const char *v = cfg_str("Data.MinFreeBytes", NULL);
	char *end;
	long long n;

	if (!v)
		return DEFAULT_RESERVE;
	n = strtoll(v, &end, 10);
	return *v && !*end && n >= 0 ? (uint64_t)n : DEFAULT_RESERVE;
}

int storage_room(uint64_t need)
{
	struct statvfs vfs;

	if (statvfs(cfg_str("Data.Dir", "."), &vfs) != 0)
		return 1;
	return (uint64_t)vfs.f_bavail * vfs.f_frsize >= need + reserve();
}

void storage_note(int err)
{
	if (err == ENOSPC || err == EDQUOT)
		full_seen = 1;
}

int storage_full(void)
{
	return full_seen || !storage_room(0);
}

void storage_reset(void)
{
	full_seen = 0;
}
