/* test_font_find.c - fontconfig's answers remembered between builds: used
 * while the font file is unchanged, dropped when it changes or the list is
 * damaged, and never written for a build without an output folder. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "layout/font_find.h"
#include "test.h"
#include "util/fs.h"

static void S_write(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (f) {
    fputs(text, f);
    fclose(f);
  }
}

int main(void) {
  char dir[] = "/tmp/rapport-ffXXXXXX";
  if (!mkdtemp(dir))
    return 1;
  char *list = fs_join(dir, ".rapport/fonts.tsv");
  char *face = fs_join(dir, "Face-Regular.ttf");
  S_write(face, "not really a font, but a file with a size and a time");

  font_found got;
  font_find_use_file(list);
  CHECK("nothing remembered before the first build",
        !font_find_get("Face", 0, &got));
  font_find_put("Face", 0, face, 0, "Face");
  font_find_save();
  CHECK("the list is written into .rapport", fs_exists(list));
  font_find_free();

  font_find_use_file(list);
  bool hit = font_find_get("Face", 0, &got);
  CHECK("the next build finds the answer", hit);
  CHECK_STR("with the file", hit ? got.file : "", face);
  CHECK("only for that style", !font_find_get("Face", 1, &got));
  CHECK("only for that family", !font_find_get("Other", 0, &got));
  font_find_free();

  /* a font file that changed is asked about again */
  sleep(1);
  S_write(face, "a different font file, longer than the one before it");
  font_find_use_file(list);
  CHECK("a changed font file is not taken from the list",
        !font_find_get("Face", 0, &got));
  font_find_free();

  /* a damaged list is ignored, not trusted */
  S_write(list, "rapport-fonts 1 nonsense\nFace\t0\n\t\t\n");
  font_find_use_file(list);
  CHECK("a damaged list gives no answer", !font_find_get("Face", 0, &got));
  font_find_free();
  S_write(list, "garbage without lines");
  font_find_use_file(list);
  CHECK("a list of garbage gives no answer", !font_find_get("Face", 0, &got));
  font_find_free();

  /* no output folder (rapport check): nothing is written */
  unlink(list);
  font_find_put("Face", 0, face, 0, "Face");
  font_find_save();
  CHECK("without a list file nothing is written", !fs_exists(list));
  font_find_free();

  unlink(face);
  char *sub = fs_join(dir, ".rapport");
  rmdir(sub);
  rmdir(dir);
  free(sub);
  free(list);
  free(face);
  return TEST_END();
}
