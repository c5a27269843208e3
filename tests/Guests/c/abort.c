/* Prints a line (flushed: abort does not flush stdio), then aborts, which is a trap (`unreachable`). */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    printf("about to abort\n");
    fflush(stdout);
    abort();
}
