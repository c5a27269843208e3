/* Prints a line and returns 3 from main: exit code 3. */
#include <stdio.h>

int main(void) {
    printf("returning 3\n");
    return 3;
}
