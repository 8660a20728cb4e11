/* font_find.h - fontconfig's answers (family and style -> font file),
 * remembered between builds in a small file (see font_find.c). */
#ifndef RAPPORT_FONT_FIND_H
#define RAPPORT_FONT_FIND_H

#include <stdbool.h>

typedef struct {
  const char *file;   /* owned by the list */
  int index;          /* face in a collection */
  const char *family; /* the family as the file names it */
} font_found;

/* Where the answers are kept (NULL: nowhere, nothing is remembered). */
void font_find_use_file(const char *path);
/* The remembered answer for family and style (0-3, font_style), if it and
 * everything it depends on are unchanged. */
bool font_find_get(const char *family, int style, font_found *out);
/* Remembers a clean answer (the family itself was found). */
void font_find_put(const char *family, int style, const char *file,
                   int index, const char *got);
/* Writes the answers if any were added. */
void font_find_save(void);
void font_find_free(void);

#endif
