/* fs.h - files: whole-file reads, atomic writes, paths. */
#ifndef RAPPORT_FS_H
#define RAPPORT_FS_H

#include <stdbool.h>
#include <stddef.h>

/* Reads a whole file; returns NULL and sets errno on failure. The result is
 * NUL-terminated; *len (if given) gets the byte count. Caller frees. For
 * rapport's own files (fonts, its outputs); a file a project names goes
 * through confine_read (util/confine.h). */
char *fs_read(const char *path, size_t *len);

/* Writes all of data[0..len) to the open descriptor fd, again after an
 * interrupted or short write; false on an error (errno set). */
bool fs_write_fd(int fd, const void *data, size_t len);

/* Writes data atomically: to "<path>.tmp-<pid>" in the same folder, then
 * rename over path. On failure the old file is untouched and errno is set.
 * No fsync: the rename is what keeps a failed or killed build from
 * touching the last good output; against a power cut the outputs are
 * rebuilt from their sources, and two fsyncs per file cost an edition
 * some 30 ms of waiting (ten of them at 2-6 ms on this machine). */
bool fs_write_atomic(const char *path, const void *data, size_t len);

/* Outputs replaced together (an edition's PDF and HTML, build.c): each is
 * written to its fs_temp_path name ("<dir>/.<name>.tmp-<pid>", hidden, in
 * the same folder), then fs_commit renames each into place (removing the
 * temporary if the rename fails), or fs_abort removes them all. Caller
 * frees the returned path. */
char *fs_temp_path(const char *path);
bool fs_commit(const char *tmp, const char *path);
void fs_abort(const char *tmp);
/* Removes every fs_temp_path temporary not yet committed or aborted: for
 * an exit that cannot unwind (out of memory), so no hidden temporary is
 * left beside the outputs. Async-signal-safe (unlink only). */
void fs_remove_pending(void);

bool fs_mkdirs(const char *dir); /* mkdir -p */
bool fs_exists(const char *path);
bool fs_is_dir(const char *path);
/* join(a, b): "a/b", or b when b is absolute. Caller frees. */
char *fs_join(const char *a, const char *b);
/* Last component without extension handling. Caller frees. */
char *fs_basename(const char *path);
char *fs_dirname(const char *path);
/* Canonical absolute path (realpath), NULL if it does not exist. Caller frees. */
char *fs_realpath(const char *path);

#endif
