/* Prints /inputs/data.txt, then tries to create /inputs/new.txt: "write denied" when that fails (the
 * inputs are read-only), "write allowed" otherwise. */
#include <stdio.h>

int main(void) {
    FILE *in = fopen("/inputs/data.txt", "r");
    if (in == NULL) {
        perror("read /inputs/data.txt");
        return 1;
    }
    char buf[4096];
    size_t n;
    int last = '\n';
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        fwrite(buf, 1, n, stdout);
        last = buf[n - 1];
    }
    fclose(in);
    if (last != '\n') {
        printf("\n");
    }
    FILE *out = fopen("/inputs/new.txt", "w");
    if (out == NULL) {
        printf("write denied\n");
    } else {
        fclose(out);
        printf("write allowed\n");
    }
    return 0;
}
