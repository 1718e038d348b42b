/* lib/backup.c: backup and restore of the database, the uploads directory and the key file. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "backup.h"
#include "cfg.h"
#include "db.h"

/* Copies file src to dst (created with mode); 0 or -1. */
static int copy_file(const char *src, const char *dst, mode_t mode)
{
	char buf[65536];
	int in = open(src, O_RDONLY), out;
	ssize_t n = 0;

	if (in < 0)
		return -1;
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n) {
			n = -1;
			break;
		}
	close(in);
	if (fsync(out) != 0)
		n = -1;
	if (close(out) != 0)
		n = -1;
	return n < 0 ? -1 : 0;
}

static char tree_src[PATH_MAX], tree_dst[PATH_MAX];

/* nftw callback: recreates directories and copies regular files under tree_dst. */
static int copy_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	char dst[PATH_MAX * 2];

	snprintf(dst, sizeof(dst), "%s%s", tree_dst, path + strlen(tree_src));
	if (type == FTW_D)
		return mkdir(dst, 0750) == 0 || errno == EEXIST ? 0 : -1;
	if (type == FTW_F)
		return copy_file(path, dst, 0640);
	return 0;
}

/* Copies the directory tree src into dst; a missing src is an empty tree. */
static int copy_tree(const char *src, const char *dst)
{
	struct stat st;

	if (stat(src, &st) != 0)
		return mkdir(dst, 0750) == 0 || errno == EEXIST ? 0 : -1;
	snprintf(tree_src, sizeof(tree_src), "%s", src);
	snprintf(tree_dst, sizeof(tree_dst), "%s", dst);
	return nftw(src, copy_entry, 16, FTW_PHYS);
}

/* The key file path of the configuration. */
static void key_path(char *out, size_t size)
{
	char def[PATH_MAX];

	cfg_data_path("keys/master.key", def, sizeof(def));
	snprintf(out, size, "%s", cfg_str("Crypto.KeyFile", def));
}

int backup_make(const char *dir)
{
	char path[PATH_MAX], src[PATH_MAX], key[PATH_MAX];

	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		fprintf(stderr, "certdesk-admin: cannot create %s: %s\n", dir, strerror(errno));
		return -1;
	}
	snprintf(path, sizeof(path), "%s/certdesk.db", dir);
	if (access(path, F_OK) == 0) {
		fprintf(stderr, "certdesk-admin: %s already holds a backup\n", dir);
		return -1;
	}
	if (db_backup_to(path) != 0) {
		fprintf(stderr, "certdesk-admin: database backup failed\n");
		return -1;
	}
	cfg_data_path("uploads", src, sizeof(src));
	snprintf(path, sizeof(path), "%s/uploads", dir);
	if (copy_tree(src, path) != 0) {
		fprintf(stderr, "certdesk-admin: copying uploads failed\n");
		return -1;
	}
	key_path(key, sizeof(key));
	snprintf(path, sizeof(path), "%s/master.key", dir);
	if (copy_file(key, path, 0600) != 0) {
		fprintf(stderr, "certdesk-admin: copying the key file failed\n");
		return -1;
	}
	return 0;
}

int backup_restore(const char *dir)
{
	char path[PATH_MAX + 16], dst[PATH_MAX], key[PATH_MAX], old[PATH_MAX + 16];
	sqlite3 *src = NULL;
	sqlite3_backup *b;
	int rc;

	snprintf(path, sizeof(path), "%s/certdesk.db", dir);
	snprintf(old, sizeof(old), "%s/master.key", dir);
	if (access(path, R_OK) != 0 || access(old, R_OK) != 0) {
		fprintf(stderr, "certdesk-admin: %s is not a backup (certdesk.db, master.key)\n", dir);
		return -1;
	}
	if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "certdesk-admin: cannot open %s\n", path);
		sqlite3_close(src);
		return -1;
	}
	b = sqlite3_backup_init(db_handle(), "main", src, "main");
	rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
	if (b)
		sqlite3_backup_finish(b);
	sqlite3_close(src);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "certdesk-admin: restoring the database failed: %s\n",
		    sqlite3_errmsg(db_handle()));
		return -1;
	}
	snprintf(path, sizeof(path), "%s/uploads", dir);
	cfg_data_path("uploads", dst, sizeof(dst));
	if (copy_tree(path, dst) != 0) {
		fprintf(stderr, "certdesk-admin: restoring uploads failed\n");
		return -1;
	}
	key_path(key, sizeof(key));
	snprintf(path, sizeof(path), "%s.replaced", key);
	if (access(key, F_OK) == 0 && rename(key, path) != 0)
		return -1;
	snprintf(path, sizeof(path), "%s/master.key", dir);
	if (copy_file(path, key, 0600) != 0) {
		fprintf(stderr, "certdesk-admin: restoring the key file failed\n");
		return -1;
	}
	return 0;
}
