/* A C guest using sdk/c/mvmci.h: logs a line, reports progress, reads the job's input and sets the
 * output "hello, <input>" (input "world" when the job has none), which it also prints. */
#include <stdio.h>
#include <stdlib.h>

#include "mvmci.h"

int main(void) {
    mvmci_log_info("hello-c starting");
    mvmci_progress(50, "reading the input");

    char *input = mvmci_input();
    const char *name = input != NULL ? input : "world";
    size_t size = strlen("hello, ") + strlen(name) + 1;
    char *greeting = malloc(size);
    if (greeting == NULL) {
        fprintf(stderr, "hello-c: out of memory\n");
        return 1;
    }
    snprintf(greeting, size, "hello, %s", name);
    mvmci_set_output(greeting);
    printf("%s\n", greeting);

    mvmci_progress(100, "done");
    free(greeting);
    free(input);
    return 0;
}
