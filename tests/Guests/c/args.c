/* Prints argv[1..] joined with spaces (argv[0], the module name, is left out). */
#include <stdio.h>

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        printf(i > 1 ? " %s" : "%s", argv[i]);
    }
    printf("\n");
    return 0;
}
