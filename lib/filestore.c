/* lib/filestore.c: the content-addressed file store under Data.Dir/uploads (from memory or streamed from an upload) and reading uploads into memory. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cfg.h"
#include "crypto.h"
#include "filestore.h"
#include "util.h"
#include "log.h"
#include "storage.h"

/* Creates dir (mode 0750) unless it exists as a directory; 0 or -1. */
static int ensure_dir(const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0750) == 0)
		return 0;
	return errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

/* Flushes a directory entry change (rename) to disk; 0 or -1. */
static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Writes all of data to fd; 0 or -1 (a full disk noted). */
static int write_buf(int fd, const unsigned char *data, size_t len)
{
	if (util_write_all(fd, data, len) == 0)
		return 0;
	storage_note(errno);
	return -1;
}

/* Writes all of data to fd, fsyncs and closes it; 0 or -1. */
static int write_all(int fd, const unsigned char *data, size_t len)
{
	int bad = write_buf(fd, data, len) != 0;

	if (fsync(fd) != 0) {
		storage_note(errno);
		bad = 1;
	}
	if (close(fd) != 0) {
		storage_note(errno);
		bad = 1;
	}
	return bad ? -1 : 0;
}

int filestore_put(const void *data, size_t len, const char *area, const char *ext, char *rel,
    size_t relsize, char sha[65])
{
	char tmpdir[1024], up[1024], top[1100], sub[1200], tmp[1100], final[1400];
	int fd, n;

	crypto_sha256_hex(data, len, sha);
	n = area && *area ? snprintf(rel, relsize, "%s/%.2s/%s.%s", area, sha, sha, ext)
	    : snprintf(rel, relsize, "%.2s/%s.%s", sha, sha, ext);
	if (n < 0 || (size_t)n >= relsize || cfg_data_path("tmp", tmpdir, sizeof(tmpdir)) != 0
	    || ensure_dir(tmpdir) != 0 || cfg_data_path("uploads", up, sizeof(up)) != 0 || ensure_dir(up) != 0) {
		log_error("filestore: cannot prepare Data.Dir/tmp or Data.Dir/uploads");
		return -1;
	}
	snprintf(top, sizeof(top), "%s%s%s", up, area && *area ? "/" : "", area && *area ? area : "");
	snprintf(sub, sizeof(sub), "%s/%.2s", top, sha);
	snprintf(final, sizeof(final), "%s/%s", up, rel);
	snprintf(tmp, sizeof(tmp), "%s/store-XXXXXX", tmpdir);
	fd = mkstemp(tmp);
	if (fd < 0) {
		storage_note(errno);
		log_error("filestore: mkstemp in %s: %s", tmpdir, strerror(errno));
		return -1;
	}
	if (write_all(fd, data, len) != 0 || ensure_dir(top) != 0 || ensure_dir(sub) != 0
	    || rename(tmp, final) != 0 || sync_dir(sub) != 0) {
		log_error("filestore: cannot store %s: %s", final, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

int filestore_put_file(FILE *fp, size_t size, const char *area, const char *ext, char *rel,
    size_t relsize, char sha[65])
{
	char tmpdir[1024], up[1024], top[1100], sub[1200], tmp[1100], final[1400];
	unsigned char buf[65536];
	size_t total = 0, n;
	int fd, bad = 0;

	if (cfg_data_path("tmp", tmpdir, sizeof(tmpdir)) != 0 || ensure_dir(tmpdir) != 0
	    || cfg_data_path("uploads", up, sizeof(up)) != 0 || ensure_dir(up) != 0) {
		log_error("filestore: cannot prepare Data.Dir/tmp or Data.Dir/uploads");
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s/store-XXXXXX", tmpdir);
	fd = mkstemp(tmp);
	if (fd < 0) {
		storage_note(errno);
		log_error("filestore: mkstemp in %s: %s", tmpdir, strerror(errno));
		return -1;
	}
	/* Copied in 64 KiB steps: the file is never in memory as a whole. */
	rewind(fp);
	while (!bad && (n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		total += n;
		if (total > size || write_buf(fd, buf, n) != 0)
			bad = 1;
	}
	if (ferror(fp) || total != size)
		bad = 1;
	rewind(fp);
	if (fsync(fd) != 0) {
		storage_note(errno);
		bad = 1;
	}
	if (close(fd) != 0) {
		storage_note(errno);
		bad = 1;
	}
	if (bad || crypto_sha256_file(tmp, sha) != 0) {
		log_error("filestore: cannot copy the upload (%zu of %zu bytes)", total, size);
		unlink(tmp);
		return -1;
	}
	n = (size_t)(area && *area ? snprintf(rel, relsize, "%s/%.2s/%s.%s", area, sha, sha, ext)
	    : snprintf(rel, relsize, "%.2s/%s.%s", sha, sha, ext));
	snprintf(top, sizeof(top), "%s%s%s", up, area && *area ? "/" : "", area && *area ? area : "");
	snprintf(sub, sizeof(sub), "%s/%.2s", top, sha);
	snprintf(final, sizeof(final), "%s/%s", up, rel);
	if (n >= relsize || ensure_dir(top) != 0 || ensure_dir(sub) != 0 || rename(tmp, final) != 0
	    || sync_dir(sub) != 0) {
		log_error("filestore: cannot store %s: %s", final, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

int filestore_slurp(FILE *fp, size_t max, unsigned char **buf, size_t *len)
{
	unsigned char *p = malloc(max + 1);
	size_t n;

	*buf = NULL;
	*len = 0;
	if (!p)
		return -1;
	rewind(fp);
	n = fread(p, 1, max + 1, fp);
	if (n > max || ferror(fp)) {
		free(p);
		rewind(fp);
		return -1;
	}
	rewind(fp);
	*buf = p;
	*len = n;
	return 0;
}
