/* Tries to read host files outside the preopened directories: prints "denied <path>" for each
 * failure and "leaked <path>" for each success. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    const char *paths[] = {"/etc/passwd", "/work/../etc/passwd", "../../etc/hostname"};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        int fd = open(paths[i], O_RDONLY);
        if (fd < 0) {
            printf("denied %s\n", paths[i]);
        } else {
            close(fd);
            printf("leaked %s\n", paths[i]);
        }
    }
    return 0;
}
