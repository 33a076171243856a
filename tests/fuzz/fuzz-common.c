/* Helpers of the fuzz targets (see fuzz.h). */
#define _GNU_SOURCE /* memfd_create */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int mem_fd = -1;
static char mem_path[64];

const char *fuzz_file(const uint8_t *data, size_t size)
{
	if (mem_fd < 0) {
		mem_fd = memfd_create("postroom-fuzz", 0);
		if (mem_fd < 0) {
			perror("memfd_create");
			abort();
		}
		snprintf(mem_path, sizeof mem_path, "/proc/self/fd/%d", mem_fd);
	}
	if (ftruncate(mem_fd, 0) != 0 || pwrite(mem_fd, data, size, 0) != (ssize_t)size) {
		perror("fuzz file");
		abort();
	}
	return mem_path;
}

const char *fuzz_string(const uint8_t *data, size_t size)
{
	static char *buf;
	static size_t cap;
	if (size + 1 > cap) {
		free(buf);
		cap = size + 1;
		buf = malloc(cap);
		if (!buf)
			abort();
	}
	memcpy(buf, data, size);
	buf[size] = '\0';
	return buf;
}
