/* The fuzz targets' shared parts: each target defines
 * LLVMFuzzerTestOneInput, built either with libFuzzer (make fuzz) or with
 * replay.c, which feeds it every file of its corpus (make test). */
#ifndef POSTROOM_FUZZ_H
#define POSTROOM_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A path naming a file that holds DATA (SIZE bytes): an in-memory file,
 * rewritten on each call. Aborts when it cannot be made. */
const char *fuzz_file(const uint8_t *data, size_t size);

/* DATA as a NUL-terminated string (cut at its first NUL), in a buffer the
 * next call reuses. */
const char *fuzz_string(const uint8_t *data, size_t size);

#endif
