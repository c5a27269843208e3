/* A small attack interpreter for the sandbox escape tests: its arguments are operations, each followed
 * by its operands, run in order. Each prints one line saying what it got, so a test can compare the
 * whole output: "denied <ERRNO>" when the sandbox refused, the evidence (file bytes, directory names,
 * results) when it did not.
 *   open PATH             open read-only and print the first bytes
 *   list PATH             list a directory (sorted, at most 8 names)
 *   write PATH            create or truncate a file and write "x"
 *   symlink TARGET LINK   create LINK pointing to TARGET (WASI path_symlink)
 *   readlink LINK         print a link's target
 *   link OLD NEW          create a hard link (WASI path_link)
 *   rename OLD NEW        rename (WASI path_rename)
 *   sock FD               sock_accept, sock_recv, sock_send and sock_shutdown on FD
 *   grow PAGES            memory.grow by PAGES (prints the old size in pages, or -1)
 *   malloc MIB            malloc that many MiB and touch every page (prints "null" or "ok")
 *   sleep SECONDS         block in poll_oneoff (a relative realtime clock) that long
 *   sleepuntil SECONDS    block in poll_oneoff until the monotonic clock is that much later (an absolute clock)
 *   args                  the remaining arguments, one a line (ends the operations)
 *   env                   the environment, sorted, one entry a line
 * Bytes other than printable ASCII are printed as \xNN. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

static const char *name_of(int error) {
    switch (error) {
    case EACCES: return "EACCES";
    case EBADF: return "EBADF";
    case EEXIST: return "EEXIST";
    case EINVAL: return "EINVAL";
    case EISDIR: return "EISDIR";
    case ELOOP: return "ELOOP";
    case ENOENT: return "ENOENT";
    case ENOSYS: return "ENOSYS";
    case ENOTCAPABLE: return "ENOTCAPABLE";
    case ENOTDIR: return "ENOTDIR";
    case ENOTSOCK: return "ENOTSOCK";
    case ENOTSUP: return "ENOTSUP";
    case EPERM: return "EPERM";
    case EROFS: return "EROFS";
    case EXDEV: return "EXDEV";
    default: return "E?";
    }
}

static void denied(int error) {
    printf("denied %s (%d)\n", name_of(error), error);
}

/* Prints bytes with anything but printable ASCII escaped, so host content shows up as evidence. */
static void print_bytes(const char *bytes, size_t count) {
    for (size_t i = 0; i < count; i++) {
        unsigned char c = (unsigned char)bytes[i];
        if (c >= 0x20 && c < 0x7f && c != '\\') {
            putchar(c);
        } else {
            printf("\\x%02x", c);
        }
    }
}

static void print_line(const char *text) {
    print_bytes(text, strlen(text));
    putchar('\n');
}

/* Keeps the allocation observable, so the compiler cannot drop a malloc whose result is only tested. */
static volatile unsigned char *volatile kept;

static void do_malloc(size_t mib) {
    unsigned char *block = malloc(mib * 1024 * 1024);
    if (block == NULL) {
        printf("null\n");
        return;
    }
    kept = block;
    for (size_t i = 0; i < mib * 1024 * 1024; i += 4096) {
        kept[i] = 1;
    }
    printf("ok\n");
    free(block);
}

static int compare(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void do_open(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        denied(errno);
        return;
    }
    char buffer[48];
    ssize_t n = read(fd, buffer, sizeof buffer);
    int error = errno;
    close(fd);
    if (n < 0) {
        printf("opened, read failed %s (%d)\n", name_of(error), error);
        return;
    }
    printf("read %zd bytes: ", n);
    print_bytes(buffer, (size_t)n);
    putchar('\n');
}

static void do_list(const char *path) {
    DIR *dir = opendir(path);
    if (dir == NULL) {
        denied(errno);
        return;
    }
    char *names[256];
    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL && count < 256) {
        names[count++] = strdup(entry->d_name);
    }
    closedir(dir);
    qsort(names, count, sizeof *names, compare);
    printf("listed %zu:", count);
    for (size_t i = 0; i < count; i++) {
        if (i < 8) {
            printf(" %s", names[i]);
        }
        free(names[i]);
    }
    putchar('\n');
}

static void do_write(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        denied(errno);
        return;
    }
    ssize_t n = write(fd, "x", 1);
    close(fd);
    printf("wrote %zd byte\n", n);
}

static void do_readlink(const char *path) {
    char target[256];
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n < 0) {
        denied(errno);
        return;
    }
    target[n] = '\0';
    printf("-> %s\n", target);
}

static void ok_or_denied(int status) {
    if (status != 0) {
        denied(errno);
    } else {
        printf("ok\n");
    }
}

/* The raw preview1 socket calls: wasi-libc has no socket() to make one, so a guest can only try the
 * descriptors it was given. Each prints its errno (0 would mean the call worked). */
static void do_sock(int fd) {
    __wasi_fd_t accepted = 0;
    char buffer[16];
    __wasi_iovec_t in = {(uint8_t *)buffer, sizeof buffer};
    __wasi_ciovec_t out = {(const uint8_t *)"ping", 4};
    __wasi_size_t count = 0;
    __wasi_roflags_t roflags = 0;
    __wasi_errno_t accept = __wasi_sock_accept((__wasi_fd_t)fd, 0, &accepted);
    __wasi_errno_t recv = __wasi_sock_recv((__wasi_fd_t)fd, &in, 1, 0, &count, &roflags);
    __wasi_errno_t send = __wasi_sock_send((__wasi_fd_t)fd, &out, 1, 0, &count);
    __wasi_errno_t shutdown = __wasi_sock_shutdown((__wasi_fd_t)fd, __WASI_SDFLAGS_RD | __WASI_SDFLAGS_WR);
    printf("accept %s, recv %s, send %s, shutdown %s\n", name_of(accept), name_of(recv), name_of(send), name_of(shutdown));
}

int main(int argc, char **argv) {
    extern char **environ;
    for (int i = 1; i < argc; i++) {
        const char *op = argv[i];
        if (strcmp(op, "args") == 0) {
            printf("args:\n");
            for (int j = i + 1; j < argc; j++) {
                print_line(argv[j]);
            }
            return 0;
        }
        int operands = strcmp(op, "symlink") == 0 || strcmp(op, "link") == 0 || strcmp(op, "rename") == 0 ? 2
            : strcmp(op, "env") == 0 ? 0
            : 1;
        if (i + operands >= argc) {
            fprintf(stderr, "%s needs %d operand(s)\n", op, operands);
            return 2;
        }
        const char *a = argv[i + 1], *b = operands == 2 ? argv[i + 2] : "";
        i += operands;
        if (operands == 2) {
            printf("%s %s %s: ", op, a, b);
        } else if (operands == 1) {
            printf("%s %s: ", op, a);
        } else {
            printf("%s:\n", op);
        }
        fflush(stdout); /* so a test sees the operation start live (before a sleep, say) */
        if (strcmp(op, "open") == 0) {
            do_open(a);
        } else if (strcmp(op, "list") == 0) {
            do_list(a);
        } else if (strcmp(op, "write") == 0) {
            do_write(a);
        } else if (strcmp(op, "symlink") == 0) {
            ok_or_denied(symlink(a, b));
        } else if (strcmp(op, "readlink") == 0) {
            do_readlink(a);
        } else if (strcmp(op, "link") == 0) {
            ok_or_denied(link(a, b));
        } else if (strcmp(op, "rename") == 0) {
            ok_or_denied(rename(a, b));
        } else if (strcmp(op, "sock") == 0) {
            do_sock(atoi(a));
        } else if (strcmp(op, "grow") == 0) {
            printf("%ld\n", (long)__builtin_wasm_memory_grow(0, (size_t)strtoul(a, NULL, 10)));
        } else if (strcmp(op, "malloc") == 0) {
            do_malloc((size_t)strtoul(a, NULL, 10));
        } else if (strcmp(op, "sleep") == 0) {
            printf("slept, %u left\n", sleep((unsigned)strtoul(a, NULL, 10)));
        } else if (strcmp(op, "sleepuntil") == 0) {
            struct timespec until;
            clock_gettime(CLOCK_MONOTONIC, &until);
            until.tv_sec += (time_t)strtoul(a, NULL, 10);
            int error = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL);
            printf("woke: %s\n", error == 0 ? "ok" : name_of(error));
        } else if (strcmp(op, "env") == 0) {
            size_t count = 0;
            while (environ != NULL && environ[count] != NULL) {
                count++;
            }
            char **entries = malloc((count + 1) * sizeof *entries);
            if (entries == NULL) {
                return 1;
            }
            memcpy(entries, environ, count * sizeof *entries);
            qsort(entries, count, sizeof *entries, compare);
            for (size_t j = 0; j < count; j++) {
                print_line(entries[j]);
            }
            free(entries);
        } else {
            fprintf(stderr, "unknown operation %s\n", op);
            return 2;
        }
    }
    return 0;
}
