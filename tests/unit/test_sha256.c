/* test_sha256.c - util/sha256.c against the FIPS 180-2 examples (appendix
 * B: "abc", the 448- and 896-bit messages, a million 'a') and the empty
 * message, and messages whose padding ends right at or just past a block
 * edge (55, 56, 63, 64, 119, 120 bytes; digests from coreutils sha256sum). */
#include <stdlib.h>

#include "test.h"
#include "util/sha256.h"

static void S_hex(const void *p, size_t n, char out[2 * SHA256_SIZE + 1]) {
  unsigned char d[SHA256_SIZE];
  sha256(p, n, d);
  for (int i = 0; i < SHA256_SIZE; i++)
    snprintf(out + 2 * i, 3, "%02x", d[i]);
}

int main(void) {
  char got[2 * SHA256_SIZE + 1];
  S_hex("", 0, got);
  CHECK_STR("sha256 of the empty message", got,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  S_hex("abc", 3, got);
  CHECK_STR("sha256 of abc (FIPS 180-2 B.1)", got,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  S_hex(m448, strlen(m448), got);
  CHECK_STR("sha256 of the 448-bit message (B.2)", got,
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                     "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
  S_hex(m896, strlen(m896), got);
  CHECK_STR("sha256 of the 896-bit message", got,
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  char *million = malloc(1000000);
  if (!million)
    return 1;
  memset(million, 'a', 1000000);
  S_hex(million, 1000000, got);
  CHECK_STR("sha256 of a million a (B.3)", got,
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  free(million);

  static const struct {
    size_t n;
    const char *hex;
  } edges[] = {
      {55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"},
      {56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"},
      {63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2"},
      {64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"},
      {119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c"},
      {120, "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98"},
  };
  char xs[120];
  memset(xs, 'x', sizeof xs);
  for (size_t i = 0; i < sizeof edges / sizeof *edges; i++) {
    char name[64];
    snprintf(name, sizeof name, "sha256 of %zu bytes (a block edge)",
             edges[i].n);
    S_hex(xs, edges[i].n, got);
    CHECK_STR(name, got, edges[i].hex);
  }
  return TEST_END();
}
