/* watch.h - `rapport watch`: build, then rebuild on every save (inotify)
 * and serve the HTML edition on 127.0.0.1 so the open page follows. */
#ifndef RAPPORT_WATCH_H
#define RAPPORT_WATCH_H

#include "cli/build.h"

/* Runs until SIGINT/SIGTERM. port 0 picks a free port. Exit status as
 * build_run for a failed start, 0 after Ctrl-C. */
int watch_run(build_options *o, int port);

#endif
