/* SHA-256 (FIPS 180-4) of bytes and of files, written here: the digest of
 * every scan file and archived PDF is recorded at capture. */
#ifndef POSTROOM_SHA256_H
#define POSTROOM_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "postroom/status.h"

#define PR_SHA256_LEN 32        /* bytes of a digest */
#define PR_SHA256_HEX_LEN 65    /* its 64 lower-case hex digits and the terminator */

/* A running digest: pr_sha256_init, any number of pr_sha256_update, then
 * pr_sha256_final. Plain data: copy it to fork a digest, nothing to free. */
typedef struct pr_sha256 {
	uint32_t h[8];
	uint64_t bytes;         /* message length so far */
	unsigned char block[64];
	size_t used;            /* bytes waiting in BLOCK */
} pr_sha256;

void pr_sha256_init(pr_sha256 *s);

/* Adds N bytes at DATA (DATA may be NULL when N is 0). */
void pr_sha256_update(pr_sha256 *s, const void *data, size_t n);

/* Finishes the digest into OUT (32 bytes); S must be initialised again
 * before it is reused. */
void pr_sha256_final(pr_sha256 *s, unsigned char out[PR_SHA256_LEN]);

/* Writes DIGEST as 64 lower-case hex digits and a terminator into HEX. */
void pr_sha256_hex(const unsigned char digest[PR_SHA256_LEN], char hex[PR_SHA256_HEX_LEN]);

/* The digest of N bytes at DATA, in hex. */
void pr_sha256_hex_of(const void *data, size_t n, char hex[PR_SHA256_HEX_LEN]);

/* The digest of the file at PATH, in hex (the same as sha256sum prints).
 * PR_EIO naming PATH and the reason when it cannot be read; HEX is then
 * untouched. */
pr_status pr_sha256_file(const char *path, char hex[PR_SHA256_HEX_LEN], pr_error *err);

#endif
