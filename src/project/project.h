/* project.h - a report project: rapport.lua's configuration. */
#ifndef RAPPORT_PROJECT_H
#define RAPPORT_PROJECT_H

#include <stdbool.h>
#include <stddef.h>

#include "data/data.h"
#include "util/diag.h"

typedef struct {
  char **items;
  size_t len;
} str_list;

typedef struct {
  char *name;        /* "midtvejs" */
  char *title;       /* "Midtvejsrapport" */
  str_list chapters; /* paths relative to the project */
  str_list rounds;   /* data rounds it covers */
  char *date;        /* overrides the project date, may be NULL */
} edition;

typedef struct project {
  char *dir;         /* the project folder as given */
  char *name;        /* project_dir_name(dir): the output folder name */
  char *config_path; /* dir/rapport.lua */
  /* metadata */
  char *title, *subtitle, *organisation, *date, *lang, *theme_name;
  char *subject, *keywords;
  char *public_word; /* words.public_edition: what a public edition calls
                        itself; NULL = the locale's word */
  str_list authors;
  bool fictional;
  bool toc;          /* `toc = true`: contents after the title page */
  /* the analysis frame */
  str_list elements, rounds, partnerships, levels; /* partnerships: the
                                                    units followed (`units`
                                                    or `partnerships`) */
  str_list chapters; /* default chapters of the editions */
  /* data files */
  data_schema *data;
  size_t ndata;
  edition *editions;
  size_t neditions;
  /* optional features */
  char *mapping;      /* pseudonym CSV (public editions), may be NULL */
  char *bibliography; /* .bib or CSL-JSON, may be NULL */
  /* images on the title page and in the HTML header, relative to dir, and
     their text alternatives (NULL: the organisation for the logo, the
     title for the cover) */
  char *logo, *logo_alt, *cover, *cover_alt;
  str_list allow_names; /* words that are not names, for `rapport names` */
  str_list sources;   /* every file the configuration itself read */
} project;

/* Loads dir/rapport.lua in a sandboxed Lua state. Reports problems with file
 * and line into diags; returns NULL if the project cannot be used. */
project *project_load(const char *dir, diag_list *diags);
void project_free(project *p);
/* The name of the project folder dir after symlinks, "." and ".." are
 * resolved ("." run in /home/x/rapport -> "rapport"): the output folder's
 * name under out/. The last component of dir as given when it cannot be
 * resolved. Caller frees. */
char *project_dir_name(const char *dir);
const edition *project_edition(const project *p, const char *name);
void str_list_push(str_list *l, const char *s);
void str_list_free(str_list *l);

#endif
