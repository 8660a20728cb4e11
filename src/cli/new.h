/* new.h - `rapport new DIR`: a new project from one of the templates in
 * rapport's templates/ folder (util/home.h finds it). */
#ifndef RAPPORT_NEW_H
#define RAPPORT_NEW_H

#include <stdbool.h>

/* True if name is one of the templates: "følgeforskning" (a follow-research
 * project with the components, data, a pseudonym list and a bibliography)
 * or "enkel" (a plain report: chapters and a bibliography). */
bool new_template_known(const char *name);

/* Copies the template (NULL: "følgeforskning") into dir, which must not
 * exist or be empty (it is created, parents too), and prints which files
 * to edit first and how to build. Exit status: 0 done; 1 dir exists and is
 * not empty, rapport's files or the template are missing, or a file could
 * not be written (the message names it). */
int new_run(const char *dir, const char *template_name);

#endif
