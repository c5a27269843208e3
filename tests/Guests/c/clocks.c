/* Prints "ok" if CLOCK_REALTIME is after 2020-01-01 and CLOCK_MONOTONIC never goes back over 1000
 * reads; otherwise says what is wrong and exits 1. */
#include <stdio.h>
#include <time.h>

static int before(const struct timespec *a, const struct timespec *b) {
    return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

int main(void) {
    struct timespec now;
    if (clock_gettime(CLOCK_REALTIME, &now) != 0 || now.tv_sec < 1577836800) {
        printf("realtime before 2020-01-01: %lld s\n", (long long)now.tv_sec);
        return 1;
    }
    struct timespec last, current;
    clock_gettime(CLOCK_MONOTONIC, &last);
    for (int i = 0; i < 1000; i++) {
        if (clock_gettime(CLOCK_MONOTONIC, &current) != 0 || before(&current, &last)) {
            printf("monotonic went back at read %d\n", i);
            return 1;
        }
        last = current;
    }
    printf("ok\n");
    return 0;
}
