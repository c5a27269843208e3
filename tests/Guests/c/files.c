/* Writes /work/out.txt, reads it back, creates /work/sub/ and lists /work sorted (directories with
 * a trailing slash). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int compare(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void fail(const char *what) {
    perror(what);
    exit(1);
}

int main(void) {
    const char *text = "hello from the guest\n";
    FILE *out = fopen("/work/out.txt", "w");
    if (out == NULL || fputs(text, out) < 0 || fclose(out) != 0) {
        fail("write /work/out.txt");
    }
    printf("wrote %zu bytes\n", strlen(text));

    char back[128] = {0};
    FILE *in = fopen("/work/out.txt", "r");
    if (in == NULL) {
        fail("read /work/out.txt");
    }
    size_t n = fread(back, 1, sizeof back - 1, in);
    fclose(in);
    while (n > 0 && back[n - 1] == '\n') {
        back[--n] = '\0';
    }
    printf("read back: %s\n", back);

    if (mkdir("/work/sub", 0755) != 0) {
        fail("create /work/sub");
    }
    printf("created /work/sub\n");

    DIR *dir = opendir("/work");
    if (dir == NULL) {
        fail("list /work");
    }
    char *names[64];
    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL && count < 64) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) {
            continue;
        }
        size_t len = strlen(entry->d_name);
        char *name = malloc(len + 2);
        if (name == NULL) {
            fail("malloc");
        }
        memcpy(name, entry->d_name, len + 1);
        if (entry->d_type == DT_DIR) {
            name[len] = '/';
            name[len + 1] = '\0';
        }
        names[count++] = name;
    }
    closedir(dir);
    qsort(names, count, sizeof *names, compare);
    printf("/work:");
    for (size_t i = 0; i < count; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
    return 0;
}
