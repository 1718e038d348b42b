/* lib/filestore.h: the content-addressed file store under Data.Dir/uploads: files named by their SHA-256, written through Data.Dir/tmp, synced and renamed into place; and reading an upload into memory. */
#ifndef CERTDESK_FILESTORE_H
#define CERTDESK_FILESTORE_H
#include <stddef.h>
#include <stdio.h>

/* Stores the len bytes of data as Data.Dir/uploads/[area/]<sha[0:2]>/<sha>.<ext> (area NULL
 * or "" for none): written to a temporary file in Data.Dir/tmp, fsync'd, renamed into place
 * and its directory fsync'd, so the same bytes stored twice share one file. Writes the path
 * relative to Data.Dir/uploads into rel (relsize bytes) and the hex SHA-256 into sha.
 * Returns 0, or -1 (logged; nothing is left behind). */
int filestore_put(const void *data, size_t len, const char *area, const char *ext, char *rel,
    size_t relsize, char sha[65]);

/* filestore_put for the content of fp (an upload's temp file), copied from its start in
 * small steps so that the file is never held in memory: it must be exactly size bytes.
 * fp is rewound after. Returns 0, or -1 (logged; nothing is left behind). */
int filestore_put_file(FILE *fp, size_t size, const char *area, const char *ext, char *rel,
    size_t relsize, char sha[65]);

/* Reads fp from its start into a malloc'd buffer of at most max bytes (rewinding it again
 * after). Returns 0, or -1 when it is larger than max or cannot be read (*buf is NULL). */
int filestore_slurp(FILE *fp, size_t max, unsigned char **buf, size_t *len);
#endif
