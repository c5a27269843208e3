/*
 * mvmci.h — header-only C SDK for the `mvmci` host API (see docs/host-api.md).
 *
 * Guests are WASI preview1 command modules. Build with Debian's clang and wasi-libc:
 *
 *     clang --target=wasm32-wasi --sysroot=/usr -O2 -I sdk/c guest.c -o guest.wasm
 *
 * Importing anything from `mvmci` makes the job run in durable mode: every call is journaled, and a
 * resumed run gets the recorded results back instead of performing the calls again.
 *
 * The mvmci_raw_* functions are the imports exactly as the ABI declares them (pointers and lengths
 * are i32; strings are UTF-8, not NUL-terminated). The other functions are small helpers taking
 * NUL-terminated strings; the ones that return data hand it back in a malloc'd, NUL-terminated
 * buffer that the caller frees.
 */
#ifndef MVMCI_H
#define MVMCI_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MVMCI_IMPORT(name) __attribute__((import_module("mvmci"), import_name(name)))

/* ---- Raw imports ------------------------------------------------------------------------------ */

/* Sends an HTTP request. `headers` is "Name: value" lines separated by '\n' (may be empty); flags
 * bit 0 (MVMCI_HTTP_IDEMPOTENT) marks it idempotent. Returns the status (100-599) with the body as
 * pending result, or a negative MVMCI_HTTP_* error with a message as pending result. */
MVMCI_IMPORT("http_request")
int32_t mvmci_raw_http_request(const char *method, int32_t method_len, const char *url, int32_t url_len,
                               const char *headers, int32_t headers_len, const void *body, int32_t body_len,
                               int32_t flags);
/* Length in bytes of the pending result. */
MVMCI_IMPORT("result_len") int32_t mvmci_raw_result_len(void);
/* Copies up to `len` bytes of the pending result to `ptr`; returns how many were copied. */
MVMCI_IMPORT("result_read") int32_t mvmci_raw_result_read(void *ptr, int32_t len);
/* Wall-clock time, Unix milliseconds. */
MVMCI_IMPORT("now") int64_t mvmci_raw_now(void);
/* Fills `len` bytes at `ptr` with random bytes; returns 0. */
MVMCI_IMPORT("random") int32_t mvmci_raw_random(void *ptr, int32_t len);
/* A durable timer: sleeps `ms` milliseconds of wall-clock time. */
MVMCI_IMPORT("sleep") void mvmci_raw_sleep(int64_t ms);
/* A log line: level 0 debug, 1 info, 2 warn, 3 error. */
MVMCI_IMPORT("log") void mvmci_raw_log(int32_t level, const char *ptr, int32_t len);
/* Reports progress (0-100) and a short message. */
MVMCI_IMPORT("progress") void mvmci_raw_progress(int32_t percent, const char *ptr, int32_t len);
/* Makes the job's input the pending result; returns its length (0 when there is none). */
MVMCI_IMPORT("get_input") int32_t mvmci_raw_get_input(void);
/* Sets the job's output string (the last call wins). */
MVMCI_IMPORT("set_output") void mvmci_raw_set_output(const char *ptr, int32_t len);

#undef MVMCI_IMPORT

/* ---- Constants -------------------------------------------------------------------------------- */

#define MVMCI_HTTP_IDEMPOTENT 1
#define MVMCI_HTTP_INTERRUPTED (-1) /* the run ended while this non-idempotent request was in flight */
#define MVMCI_HTTP_DENIED (-2)      /* the host's policy refuses the request */
#define MVMCI_HTTP_FAILED (-3)      /* network error, timeout */
#define MVMCI_HTTP_INVALID (-4)     /* malformed request */

#define MVMCI_LOG_DEBUG 0
#define MVMCI_LOG_INFO 1
#define MVMCI_LOG_WARN 2
#define MVMCI_LOG_ERROR 3

/* ---- Helpers ---------------------------------------------------------------------------------- */

/* Reads the pending result into a malloc'd, NUL-terminated buffer (NULL if out of memory); stores
 * its length (without the NUL) in *len_out when len_out is not NULL. */
static inline char *mvmci_take_result(size_t *len_out) {
    int32_t len = mvmci_raw_result_len();
    if (len < 0) {
        len = 0;
    }
    char *buf = (char *)malloc((size_t)len + 1);
    if (buf == NULL) {
        return NULL;
    }
    int32_t copied = len > 0 ? mvmci_raw_result_read(buf, len) : 0;
    if (copied < 0 || copied > len) {
        copied = copied < 0 ? 0 : len;
    }
    buf[copied] = '\0';
    if (len_out != NULL) {
        *len_out = (size_t)copied;
    }
    return buf;
}

/* Sends a request. `headers` may be NULL or "Name: value" lines separated by '\n'; `body` may be
 * NULL when body_len is 0. Returns the HTTP status or a negative MVMCI_HTTP_* error; when `out` is not
 * NULL, *out receives the body (or the error message) as a malloc'd, NUL-terminated buffer to free,
 * and *out_len (if not NULL) its length. */
static inline int32_t mvmci_http(const char *method, const char *url, const char *headers, const void *body,
                                 size_t body_len, int32_t flags, char **out, size_t *out_len) {
    const char *h = headers != NULL ? headers : "";
    int32_t status = mvmci_raw_http_request(method, (int32_t)strlen(method), url, (int32_t)strlen(url), h,
                                            (int32_t)strlen(h), body, (int32_t)body_len, flags);
    if (out != NULL) {
        *out = mvmci_take_result(out_len);
    }
    return status;
}

/* An idempotent GET (sent again after an interruption). See mvmci_http. */
static inline int32_t mvmci_http_get(const char *url, char **out, size_t *out_len) {
    return mvmci_http("GET", url, NULL, NULL, 0, MVMCI_HTTP_IDEMPOTENT, out, out_len);
}

/* A non-idempotent POST of `body` (NUL-terminated): after an interruption it returns
 * MVMCI_HTTP_INTERRUPTED instead of being sent again. See mvmci_http. */
static inline int32_t mvmci_http_post(const char *url, const char *body, char **out, size_t *out_len) {
    return mvmci_http("POST", url, NULL, body, strlen(body), 0, out, out_len);
}

/* Wall-clock time, Unix milliseconds. */
static inline uint64_t mvmci_now(void) {
    int64_t ms = mvmci_raw_now();
    return ms < 0 ? 0 : (uint64_t)ms;
}

/* Fills `len` bytes at `buf` with random bytes. */
static inline void mvmci_random_bytes(void *buf, size_t len) {
    if (len > 0) {
        mvmci_raw_random(buf, (int32_t)len);
    }
}

/* A durable timer: sleeps `ms` milliseconds. */
static inline void mvmci_sleep_ms(uint64_t ms) {
    mvmci_raw_sleep(ms > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)ms);
}

/* Log lines (NUL-terminated) into the job's live logs. */
static inline void mvmci_log(int32_t level, const char *message) {
    mvmci_raw_log(level, message, (int32_t)strlen(message));
}
static inline void mvmci_log_debug(const char *message) { mvmci_log(MVMCI_LOG_DEBUG, message); }
static inline void mvmci_log_info(const char *message) { mvmci_log(MVMCI_LOG_INFO, message); }
static inline void mvmci_log_warn(const char *message) { mvmci_log(MVMCI_LOG_WARN, message); }
static inline void mvmci_log_error(const char *message) { mvmci_log(MVMCI_LOG_ERROR, message); }

/* Reports progress: `percent` (clamped to 0-100) and a short message. */
static inline void mvmci_progress(int percent, const char *message) {
    int32_t p = percent < 0 ? 0 : percent > 100 ? 100 : percent;
    mvmci_raw_progress(p, message, (int32_t)strlen(message));
}

/* The job's input as a malloc'd, NUL-terminated string to free, or NULL when it has none (or it is
 * empty, or out of memory). */
static inline char *mvmci_input(void) {
    if (mvmci_raw_get_input() <= 0) {
        return NULL;
    }
    return mvmci_take_result(NULL);
}

/* Sets the job's output (NUL-terminated); the last call wins. */
static inline void mvmci_set_output(const char *output) {
    mvmci_raw_set_output(output, (int32_t)strlen(output));
}

#ifdef __cplusplus
}
#endif

#endif /* MVMCI_H */
