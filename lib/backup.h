/* lib/backup.h: a consistent copy of the site (database, uploads, key file) and its restoration. */
#ifndef CERTDESK_BACKUP_H
#define CERTDESK_BACKUP_H

/* Writes into dir (created, must be empty or absent) certdesk.db by SQLite's online
 * backup, uploads/ copied file by file, and master.key (mode 0600). Returns 0, or -1
 * with a message on stderr. */
int backup_make(const char *dir);

/* Restores a backup_make directory into the open site: the database through the online
 * backup API (so running programs see a consistent switch), the uploads, and the key file
 * (the previous key kept as master.key.replaced). Returns 0 or -1 with a message. */
int backup_restore(const char *dir);
#endif
