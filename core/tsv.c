/* tsv.c - see tsv.h. */
#include "tsv.h"
#include <stdint.h>
#include <string.h>
#include "utf8.h"

tsv_problem tsv_check_line(const char *line)
{
    if (!utf8_valid(line))
        return TSV_NOT_UTF8;
    size_t len = strlen(line);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(line + i, len - i, &cp);
        if (cp != '\t' && (utf8_is_control(cp) || utf8_is_bidi_control(cp)))
            return TSV_CONTROL_CHAR;
    }
    return TSV_OK;
}

int tsv_split(char *line, char **fields, int max)
{
    int n = 0;
    for (char *f = line;;) {
        if (n == max)
            return max + 1;
        fields[n++] = f;
        char *tab = strchr(f, '\t');
        if (!tab)
            return n;
        *tab = '\0';
        f = tab + 1;
    }
}

/* Line number of the first NUL byte, or 0. */
static int line_of_nul(const char *text, size_t len)
{
    const char *nul = memchr(text, '\0', len);
    if (!nul)
        return 0;
    int line = 1;
    for (const char *c = text; c < nul; c++)
        line += (*c == '\n');
    return line;
}

bool tsv_each_line(char *text, size_t len, bool (*on_line)(void *ctx, char *line, int number),
                   void *ctx, int *nul_line)
{
    *nul_line = line_of_nul(text, len);
    if (*nul_line > 0)
        return false;
    char *end = text + len;
    int number = 0;
    for (char *line = text; line < end;) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        char *stop = nl ? nl : end;
        *stop = '\0';
        if (stop > line && stop[-1] == '\r')
            stop[-1] = '\0';
        number++;
        if (!on_line(ctx, line, number))
            return false;
        line = stop + 1;
    }
    return true;
}
