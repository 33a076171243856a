/* Allocation helpers that end the program on exhaustion, so call sites stay
 * clean. Everything they return is freed with free(). */
#ifndef POSTROOM_XMEM_H
#define POSTROOM_XMEM_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
/* A newly allocated printf-formatted string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
