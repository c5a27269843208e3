/* Prints every environment variable as NAME=value, sorted, then whether HOME and PATH are present
 * (they must not be: the guest sees only the job's env). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

/* Orders NAME=value entries by name (then value), as the Rust guest does. */
static int compare(const void *a, const void *b) {
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    size_t nx = strcspn(x, "="), ny = strcspn(y, "=");
    int by_name = strncmp(x, y, nx < ny ? nx : ny);
    if (by_name != 0) {
        return by_name;
    }
    if (nx != ny) {
        return nx < ny ? -1 : 1;
    }
    return strcmp(x + nx, y + ny);
}

int main(void) {
    size_t count = 0;
    while (environ != NULL && environ[count] != NULL) {
        count++;
    }
    char **vars = malloc((count + 1) * sizeof *vars);
    if (vars == NULL) {
        return 1;
    }
    for (size_t i = 0; i < count; i++) {
        vars[i] = environ[i];
    }
    qsort(vars, count, sizeof *vars, compare);
    for (size_t i = 0; i < count; i++) {
        printf("%s\n", vars[i]);
    }
    free(vars);
    printf("HOME %s\n", getenv("HOME") != NULL ? "present" : "absent");
    printf("PATH %s\n", getenv("PATH") != NULL ? "present" : "absent");
    return 0;
}
