/* sha256.h - SHA-256 (FIPS 180-4) of a block of memory. The HTML writer
 * names its own script in the page's Content-Security-Policy by this hash,
 * computed from the script it writes, so the two can never disagree. */
#ifndef RAPPORT_SHA256_H
#define RAPPORT_SHA256_H

#include <stddef.h>

#define SHA256_SIZE 32

/* Puts the 32-byte digest of the len bytes at p into out. */
void sha256(const void *p, size_t len, unsigned char out[SHA256_SIZE]);

#endif
