/* image.c - project images: reading, checking and decoding (image.h).
 *
 * libpng's default error handler prints and calls abort() when no jump
 * buffer is set (libharu's PNG loader sets none: a corrupt IDAT ended the
 * whole build with exit 134). Here every libpng call runs under our own
 * error callback, which records the message and longjmps back. */
#include "doc/image.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "util/confine.h"
#include "util/fs.h"
#include "util/mem.h"

static const char *S_hint_resave(void) { return M_DOC_SAVE_IT_AGAIN_PNG; }

static const char *S_hint_smaller(void) {
  return M_DOC_SAVE_IT_LOWER_RESOLUTION;
}

static bool S_fail(char *why, size_t n, const char **hint, const char *h,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static bool S_fail(char *why, size_t n, const char **hint, const char *h,
                   const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, n, fmt, ap);
  va_end(ap);
  *hint = h;
  return false;
}

const char *image_mime(image_kind kind) {
  switch (kind) {
  case IMAGE_PNG: return "image/png";
  case IMAGE_JPEG: return "image/jpeg";
  case IMAGE_GIF: return "image/gif";
  case IMAGE_WEBP: return "image/webp";
  case IMAGE_SVG: return "image/svg+xml";
  case IMAGE_NONE: break;
  }
  return NULL;
}

/* The type from the first bytes, not the name. */
static image_kind S_kind(const unsigned char *p, size_t n) {
  if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
    return IMAGE_PNG;
  if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
    return IMAGE_JPEG;
  if (n >= 6 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
    return IMAGE_GIF;
  if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
    return IMAGE_WEBP;
  /* SVG shown through <img> cannot run scripts or load anything */
  size_t k = n < 512 ? n : 512;
  for (size_t i = 0; i + 4 <= k; i++)
    if (memcmp(p + i, "<svg", 4) == 0)
      return IMAGE_SVG;
  return IMAGE_NONE;
}

static uint32_t S_be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
         p[3];
}

/* Megabytes with one decimal and the unit, with a decimal comma in
 * Danish: "2,5 MB". */
static const char *S_mb(char *out, size_t n, double bytes) {
  char num[32];
  snprintf(num, sizeof num, "%.1f", bytes / 1048576.0);
  char *dot = strchr(num, '.');
  if (dot)
    *dot = 0;
  snprintf(out, n, M_DOC_MB, num, dot ? dot + 1 : "0");
  return out;
}

/* Width and height: not 0, and not more pixels than a figure needs. */
static bool S_dims(unsigned long long w, unsigned long long h, char *why,
                   size_t n, const char **hint) {
  if (w == 0 || h == 0)
    return S_fail(why, n, hint, S_hint_resave(), M_DOC_IT_IS_PIXELS, w, h);
  if (w * h > IMAGE_MAX_PIXELS)
    return S_fail(why, n, hint, S_hint_smaller(), M_DOC_IT_IS_PIXELS_MEGAPIXELS,
                  w, h, (double)(w * h) / 1e6, IMAGE_MAX_PIXELS / 1e6);
  return true;
}

/* ---- PNG ---- */

/* The chunk structure, before libpng sees the file: every length inside
 * the file, every CRC right, IHDR first, IEND present, no metadata chunk
 * over IMAGE_MAX_CHUNK (it would also be copied into the HTML). */
static bool S_png_chunks(image *im, char *why, size_t n, const char **hint) {
  const unsigned char *p = im->data;
  size_t len = im->len, pos = 8;
  bool first = true;
  for (;;) {
    if (len - pos < 12)
      return S_fail(why, n, hint, S_hint_resave(), "%s",
                    M_DOC_FILE_IS_CUT_SHORT);
    uint32_t clen = S_be32(p + pos);
    const unsigned char *type = p + pos + 4;
    char name[5] = {0};
    for (int i = 0; i < 4; i++) {
      if (!((type[i] >= 'A' && type[i] <= 'Z') ||
            (type[i] >= 'a' && type[i] <= 'z')))
        return S_fail(why, n, hint, S_hint_resave(),
                      M_DOC_PNG_STRUCTURE_IS_DAMAGED, pos);
      name[i] = (char)type[i];
    }
    if (clen > 0x7fffffffu || clen > len - pos - 12)
      return S_fail(why, n, hint, S_hint_resave(),
                    M_DOC_FILE_IS_CUT_SHORT_CHUNK, name);
    if (first && (strcmp(name, "IHDR") != 0 || clen != 13))
      return S_fail(why, n, hint, S_hint_resave(), "%s",
                    M_DOC_PNG_FILE_DOES_NOT);
    uLong crc = crc32(0L, type, 4 + clen);
    if (crc != S_be32(type + 4 + clen))
      return S_fail(why, n, hint, S_hint_resave(), M_DOC_CHUNK_IS_DAMAGED_WRONG,
                    name);
    if (first) {
      im->width = S_be32(type + 4);
      im->height = S_be32(type + 8);
      if (!S_dims(im->width, im->height, why, n, hint))
        return false;
    }
    /* a lower-case first letter: ancillary, i.e. metadata */
    char mb[32];
    if (type[0] >= 'a' && clen > IMAGE_MAX_CHUNK)
      return S_fail(why, n, hint, M_DOC_SAVE_IT_AGAIN_WITHOUT,
                    M_DOC_METADATA_CHUNK_TAKES_MOST, name,
                    S_mb(mb, sizeof mb, clen), IMAGE_MAX_CHUNK >> 20);
    first = false;
    pos += 12 + (size_t)clen;
    if (strcmp(name, "IEND") == 0)
      return true;
  }
}

typedef struct {
  image *im;
  image_mode mode;
  size_t pos;              /* read position in im->data */
  jmp_buf jump;
  char msg[200];           /* libpng's error message */
  unsigned char *row;      /* CHECK: one row */
  unsigned char *pixels;   /* DECODE: all rows, as libpng gives them */
  unsigned char **rows;
} S_png_state;

static void S_png_error(png_structp png, png_const_charp msg) {
  S_png_state *st = png_get_error_ptr(png);
  snprintf(st->msg, sizeof st->msg, "%s", msg);
  longjmp(st->jump, 1);
}

/* Warnings (an unusual sRGB profile and the like) do not stop a figure. */
static void S_png_warning(png_structp png, png_const_charp msg) {
  (void)png;
  (void)msg;
}

static void S_png_read(png_structp png, png_bytep out, size_t n) {
  S_png_state *st = png_get_io_ptr(png);
  if (n > st->im->len - st->pos)
    png_error(png, "unexpected end of file");
  memcpy(out, st->im->data + st->pos, n);
  st->pos += n;
}

/* Splits libpng's interleaved rows (contiguous: rowbytes is width times
 * ch) into colour and alpha (NULL when every pixel is opaque: a PDF image
 * then needs no soft mask). */
static void S_png_split(S_png_state *st, int ch) {
  image *im = st->im;
  size_t npix = (size_t)im->width * im->height;
  bool has_alpha = ch == 2 || ch == 4;
  int cc = has_alpha ? ch - 1 : ch;
  im->channels = cc;
  if (!has_alpha) { /* the rows are the colour already: hand them over */
    im->colour = st->pixels;
    st->pixels = NULL;
    return;
  }
  im->colour = xmalloc(npix * (size_t)cc);
  unsigned char *alpha = xmalloc(npix);
  bool opaque = true;
  for (size_t y = 0, k = 0; y < im->height; y++) {
    const unsigned char *r = st->rows[y];
    for (size_t x = 0; x < im->width; x++, k++, r += ch) {
      memcpy(im->colour + k * (size_t)cc, r, (size_t)cc);
      alpha[k] = r[cc];
      opaque &= r[cc] == 255;
    }
  }
  if (opaque)
    free(alpha);
  else
    im->alpha = alpha;
}

/* Everything libpng does runs here, under setjmp: st (the caller's) holds
 * the buffers, so a longjmp loses nothing the caller cannot free. */
static bool S_png_run(S_png_state *st, png_structp png, png_infop info) {
  if (setjmp(st->jump))
    return false;
  png_set_read_fn(png, st, S_png_read);
  /* text and colour profiles are not used: not even inflated */
  static const png_byte skip[] = "tEXt\0zTXt\0iTXt\0iCCP\0eXIf";
  png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, skip, 5);
  png_set_user_limits(png, 1u << 20, 1u << 20); /* S_dims has the real one */
  png_read_info(png, info);
  int ct = png_get_color_type(png, info);
  if (png_get_bit_depth(png, info) == 16)
    png_set_strip_16(png);
  if (ct == PNG_COLOR_TYPE_PALETTE)
    png_set_palette_to_rgb(png);
  if (ct == PNG_COLOR_TYPE_GRAY && png_get_bit_depth(png, info) < 8)
    png_set_expand_gray_1_2_4_to_8(png);
  if (png_get_valid(png, info, PNG_INFO_tRNS))
    png_set_tRNS_to_alpha(png);
  int passes = png_set_interlace_handling(png);
  png_read_update_info(png, info);
  size_t rowbytes = png_get_rowbytes(png, info);
  int ch = png_get_channels(png, info);
  image *im = st->im;
  if (st->mode == IMAGE_CHECK) {
    st->row = xmalloc(rowbytes);
    for (int p = 0; p < passes; p++)
      for (unsigned y = 0; y < im->height; y++)
        png_read_row(png, st->row, NULL);
  } else {
    st->pixels = xmalloc(rowbytes * im->height);
    st->rows = xmalloc(im->height * sizeof *st->rows);
    for (unsigned y = 0; y < im->height; y++)
      st->rows[y] = st->pixels + (size_t)y * rowbytes;
    png_read_image(png, st->rows);
  }
  png_read_end(png, NULL);
  if (st->mode == IMAGE_DECODE)
    S_png_split(st, ch);
  return true;
}

static bool S_png(image *im, image_mode mode, char *why, size_t n,
                  const char **hint) {
  if (!S_png_chunks(im, why, n, hint))
    return false;
  if (mode == IMAGE_STRUCTURE)
    return true;
  S_png_state st = {.im = im, .mode = mode};
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &st,
                                           S_png_error, S_png_warning);
  png_infop info = png ? png_create_info_struct(png) : NULL;
  bool ok = info && S_png_run(&st, png, info);
  png_destroy_read_struct(png ? &png : NULL, info ? &info : NULL, NULL);
  free(st.row);
  free(st.pixels);
  free(st.rows);
  if (!ok) {
    free(im->colour);
    free(im->alpha);
    im->colour = im->alpha = NULL;
    return S_fail(why, n, hint, S_hint_resave(), M_DOC_PNG_DATA_IS_DAMAGED,
                  st.msg[0] ? st.msg : M_DOC_OUT_OF_MEMORY);
  }
  return true;
}

/* ---- JPEG ---- */

/* Walks the markers: the frame header (SOFn) gives size and components;
 * after each scan (SOS) the entropy-coded data runs to the next marker that
 * is not a restart; the file must reach the end marker (EOI). */
static bool S_jpeg(image *im, char *why, size_t n, const char **hint) {
  const unsigned char *p = im->data;
  size_t len = im->len, pos = 2;
  bool frame = false;
  const char *cut = M_DOC_FILE_IS_CUT_SHORT_JPEG;
  for (;;) {
    if (pos >= len || p[pos] != 0xff)
      return S_fail(why, n, hint, S_hint_resave(), "%s",
                    pos >= len ? cut : M_DOC_JPEG_STRUCTURE_IS_DAMAGED);
    while (pos < len && p[pos] == 0xff) /* fill bytes */
      pos++;
    if (pos >= len)
      return S_fail(why, n, hint, S_hint_resave(), "%s", cut);
    int m = p[pos++];
    if (m == 0xd9) {
      if (!frame)
        break;
      return true;
    }
    if (m == 0x01 || (m >= 0xd0 && m <= 0xd8))
      continue; /* no length */
    if (len - pos < 2)
      return S_fail(why, n, hint, S_hint_resave(), "%s", cut);
    size_t seg = (size_t)p[pos] << 8 | p[pos + 1];
    if (seg < 2 || seg > len - pos)
      return S_fail(why, n, hint, S_hint_resave(), "%s", cut);
    const unsigned char *s = p + pos + 2;
    if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
      if (seg < 8)
        return S_fail(why, n, hint, S_hint_resave(), "%s",
                      M_DOC_JPEG_FRAME_HEADER_IS);
      if (m > 0xc2)
        return S_fail(why, n, hint, S_hint_resave(),
                      M_DOC_JPEG_VARIANT_SOF_LOSSLESS, m - 0xc0);
      if (s[0] != 8)
        return S_fail(why, n, hint, S_hint_resave(), M_DOC_JPEG_BITS_PER_COLOUR,
                      s[0]);
      if (s[5] != 1 && s[5] != 3 && s[5] != 4)
        return S_fail(why, n, hint, S_hint_resave(),
                      M_DOC_JPEG_COLOUR_CHANNELS_ONLY, s[5]);
      im->height = (unsigned)s[1] << 8 | s[2];
      im->width = (unsigned)s[3] << 8 | s[4];
      if (!S_dims(im->width, im->height, why, n, hint))
        return false;
      frame = true;
    }
    pos += seg;
    if (m == 0xda) {
      if (!frame)
        break;
      while (pos + 1 < len &&
             !(p[pos] == 0xff && p[pos + 1] != 0 &&
               !(p[pos + 1] >= 0xd0 && p[pos + 1] <= 0xd7)))
        pos++;
      if (pos + 1 >= len)
        return S_fail(why, n, hint, S_hint_resave(), "%s", cut);
    }
  }
  return S_fail(why, n, hint, S_hint_resave(), "%s", M_DOC_JPEG_FILE_HAS_NO);
}

/* ---- all types ---- */

/* Checks the bytes *im owns (data, len set, the rest empty). */
static bool S_check(image *im, image_mode mode, char *why, size_t why_len,
                    const char **hint) {
  const unsigned char *data = im->data;
  size_t len = im->len;
  im->kind = S_kind(data, len);
  bool ok;
  switch (im->kind) {
  case IMAGE_PNG:
    ok = S_png(im, mode, why, why_len, hint);
    break;
  case IMAGE_JPEG:
    ok = S_jpeg(im, why, why_len, hint);
    break;
  case IMAGE_GIF: /* the logical screen size, little-endian */
    if (len < 10) {
      ok = S_fail(why, why_len, hint, S_hint_resave(), "%s",
                  M_DOC_FILE_IS_CUT_SHORT_FILEN);
      break;
    }
    im->width = (unsigned)data[7] << 8 | data[6];
    im->height = (unsigned)data[9] << 8 | data[8];
    ok = S_dims(im->width, im->height, why, why_len, hint);
    break;
  case IMAGE_WEBP:
  case IMAGE_SVG:
    ok = true;
    break;
  default:
    ok = S_fail(why, why_len, hint, S_hint_resave(), "%s", M_DOC_IT_IS_NOT_PNG);
    break;
  }
  if (!ok)
    image_free(im);
  return ok;
}

bool image_check_mem(image *im, const unsigned char *data, size_t len,
                     image_mode mode, char *why, size_t why_len,
                     const char **hint) {
  memset(im, 0, sizeof *im);
  im->data = xmalloc(len ? len : 1);
  memcpy(im->data, data, len);
  im->len = len;
  return S_check(im, mode, why, why_len, hint);
}

/* Reads the whole file behind fd (at most IMAGE_MAX_BYTES) into im. */
static bool S_read_fd(image *im, int fd, char *why, size_t why_len,
                      const char **hint) {
  /* the size first: a huge file is refused before it is read */
  struct stat st;
  if (fstat(fd, &st) != 0)
    return S_fail(why, why_len, hint, M_DOC_CHECK_PATH, "%s", strerror(errno));
  char mb[32];
  if ((unsigned long long)st.st_size > IMAGE_MAX_BYTES)
    return S_fail(
        why, why_len, hint, S_hint_smaller(), M_DOC_FILE_TAKES_MOST_MB,
        S_mb(mb, sizeof mb, (double)st.st_size), IMAGE_MAX_BYTES >> 20);
  /* one byte more than stat said: a file that grew is seen */
  size_t cap = (size_t)st.st_size + 1;
  im->data = xmalloc(cap);
  while (im->len < cap) {
    ssize_t r = read(fd, im->data + im->len, cap - im->len);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0) {
      int e = errno;
      image_free(im);
      return S_fail(why, why_len, hint, M_DOC_CHECK_PATH, "%s", strerror(e));
    }
    if (r == 0)
      break;
    im->len += (size_t)r;
  }
  if (im->len == cap) {
    image_free(im);
    return S_fail(why, why_len, hint, M_DOC_SAVE_IT_AGAIN, "%s",
                  M_DOC_FILE_CHANGED_WHILE_IT);
  }
  return true;
}

bool image_read(image *im, const char *path, image_mode mode, char *why,
                size_t why_len, const char **hint) {
  memset(im, 0, sizeof *im);
  /* through the project's file gate (util/confine.h), as every project
     file: the path was resolved earlier, the file may have changed since */
  confine_status cs;
  int fd = confine_open(path, &cs);
  if (fd < 0)
    return S_fail(why, why_len, hint, M_DOC_PUT_IMAGE_PROJECT, "%s",
                  cs == CONFINE_OUTSIDE   ? M_DOC_IT_LIES_OUTSIDE_PROJECT
                  : cs == CONFINE_SPECIAL ? M_DOC_IT_IS_NOT_REGULAR
                                          : strerror(errno));
  bool ok = S_read_fd(im, fd, why, why_len, hint);
  close(fd);
  return ok && S_check(im, mode, why, why_len, hint);
}

void image_free(image *im) {
  free(im->data);
  free(im->colour);
  free(im->alpha);
  memset(im, 0, sizeof *im);
}

char *image_shown(const doc_node *n) {
  char *dir = n->file ? fs_dirname(n->file) : NULL;
  char *real = dir ? fs_realpath(dir) : NULL;
  free(dir);
  size_t k = real ? strlen(real) : 0;
  char *s = real && strncmp(n->text, real, k) == 0 && n->text[k] == '/'
                ? xstrdup(n->text + k + 1)
                : xstrdup(n->text);
  free(real);
  return s;
}

size_t image_check_doc(doc *d, diag_list *diags) {
  size_t bad = 0;
  /* files that passed (the nodes own the strings): a logo used in every
     chapter is read once */
  const char **seen = NULL;
  size_t nseen = 0;
  doc_iter it;
  doc_iter_init(&it, d->root);
  doc_event ev;
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE) {
    doc_node *n = it.cur;
    /* a path left relative was refused or not found where it was resolved
       (and reported there): it must not be opened from here */
    if (ev != DOC_EV_ENTER || n->type != DOC_IMAGE || !n->text ||
        n->text[0] != '/' || !fs_exists(n->text))
      continue;
    bool known = false;
    for (size_t i = 0; i < nseen && !known; i++)
      known = strcmp(seen[i], n->text) == 0;
    if (known)
      continue;
    image im;
    char why[300];
    const char *hint = NULL;
    if (image_read(&im, n->text, IMAGE_CHECK, why, sizeof why, &hint)) {
      seen = xrealloc(seen, (nseen + 1) * sizeof *seen);
      seen[nseen++] = n->text;
      image_free(&im);
      continue;
    }
    char *shown = image_shown(n);
    diag_error(diags, n->file, n->line, n->col, M_DOC_IMAGE_CANNOT_BE_READ,
               shown, why, hint);
    free(shown);
    bad++;
  }
  free(seen);
  return bad;
}

/* Whether s has a character other than white space. */
static bool S_has_text(const char *s) {
  for (; s && *s; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
      return true;
  return false;
}

size_t image_check_alt(const doc *d, bool public_edition, diag_list *diags) {
  size_t n = 0;
  doc_iter it;
  doc_iter_init(&it, d->root);
  for (doc_event ev; (ev = doc_iter_next(&it)) != DOC_EV_NONE;) {
    const doc_node *im = it.cur;
    if (ev != DOC_EV_ENTER || im->type != DOC_IMAGE || !im->text ||
        S_has_text(im->alt))
      continue;
    char *shown = image_shown(im);
    diag_add(diags, public_edition ? DIAG_ERROR : DIAG_WARNING, im->file,
             im->line, im->col, M_DOC_IMAGE_HAS_NO_ALTERNATIVE, shown, shown,
             public_edition ? M_DOC_PUBLIC_EDITION_MUST_BE
                            : M_DOC_PUBLIC_EDITION_THIS_IS);
    free(shown);
    n++;
  }
  return n;
}
