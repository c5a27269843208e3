/* Prints "ok" if 32 bytes from getentropy (WASI random_get) are not all zero. */
#include <stdio.h>
#include <unistd.h>

int main(void) {
    unsigned char buf[32] = {0};
    if (getentropy(buf, sizeof buf) != 0) {
        printf("getentropy failed\n");
        return 1;
    }
    int nonzero = 0;
    for (size_t i = 0; i < sizeof buf; i++) {
        nonzero |= buf[i] != 0;
    }
    printf("%s\n", nonzero ? "ok" : "all zero");
    return 0;
}
