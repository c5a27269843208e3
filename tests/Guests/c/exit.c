/* Writes a line to stdout and one to stderr, then exits with code 7 (exit flushes stdout). */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    printf("exiting with 7\n");
    fprintf(stderr, "error: failing on purpose\n");
    exit(7);
}
