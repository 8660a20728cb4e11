/* fuzz_image.c - libFuzzer harness for the image checker and decoder
 * (src/doc/image.c): any bytes, with the first byte choosing how far it goes
 * (structure only, decode row by row, decode and keep), must be accepted
 * with a consistent size and buffers, or refused with a reason and a hint,
 * never crash (libpng's errors must come back through our longjmp, not
 * abort), leak or read out of bounds.
 * Run with fuzz/run.sh (make fuzz); these lines tell it how to build:
 * FUZZ-SOURCES: src/doc/image.c src/doc/doc.c src/util/[a-z]*.c
 * FUZZ-LIBS: -lpng16 -lz
 * FUZZ-SEEDS: tests/fixtures/images/seed.png tests/fixtures/images/seed.jpg tests/fixtures/pdf/billeder/kort.png
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc/image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const image_mode modes[] = {IMAGE_STRUCTURE, IMAGE_CHECK,
                                     IMAGE_DECODE};
  image_mode mode = modes[size ? data[0] % 3 : 0];
  if (size) {
    data++;
    size--;
  }
  image im;
  char why[300];
  const char *hint = NULL;
  if (!image_check_mem(&im, data, size, mode, why, sizeof why, &hint)) {
    /* a refusal explains itself and leaves nothing behind */
    if (!why[0] || !hint || im.data || im.colour || im.alpha)
      abort();
    return 0;
  }
  if (!image_mime(im.kind) || im.len != size)
    abort();
  if (im.kind == IMAGE_PNG || im.kind == IMAGE_JPEG) {
    unsigned long long px = (unsigned long long)im.width * im.height;
    if (px == 0 || px > IMAGE_MAX_PIXELS)
      abort();
  }
  if (mode == IMAGE_DECODE && im.kind == IMAGE_PNG) {
    size_t npix = (size_t)im.width * im.height;
    if (!im.colour || (im.channels != 1 && im.channels != 3))
      abort();
    /* the last byte of each buffer: ASan sees one too short */
    volatile unsigned char last = im.colour[npix * (size_t)im.channels - 1];
    if (im.alpha)
      last = im.alpha[npix - 1];
    (void)last;
  }
  image_free(&im);
  return 0;
}
