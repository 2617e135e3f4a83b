/* wizard.c - the screening wizard's moves (see wizard.h). */
#include "config.h"
#include "tui/wizard.h"

#include <string.h>

bool wizard_child(const wizard *w)
{
    if (w->child_known)
        return true;
    for (size_t i = 0; i < w->inst->n_indicators; i++)
        if ((w->inst->indicators[i].flags & INDICATOR_PRESUMES_CHILD) &&
            w->answers->items[i].value == ANSWER_YES)
            return true;
    return false;
}

bool wizard_applies(const wizard *w, size_t i)
{
    return i < w->inst->n_indicators &&
           screening_applies(&w->inst->indicators[i], wizard_child(w));
}

size_t wizard_end(const wizard *w)
{
    return w->inst->n_indicators;
}

static bool answered(const wizard *w, size_t i)
{
    return w->answers->items[i].value != ANSWER_NONE;
}

size_t wizard_first(const wizard *w)
{
    for (size_t i = 0; i < wizard_end(w); i++)
        if (wizard_applies(w, i))
            return i;
    return wizard_end(w);
}

size_t wizard_next(const wizard *w, size_t pos)
{
    for (size_t i = pos + 1; i < wizard_end(w); i++)
        if (wizard_applies(w, i))
            return i;
    return wizard_end(w);
}

size_t wizard_prev(const wizard *w, size_t pos)
{
    if (pos > wizard_end(w))
        pos = wizard_end(w);
    for (size_t i = pos; i-- > 0;)
        if (wizard_applies(w, i))
            return i;
    return pos;
}

size_t wizard_section(const wizard *w, size_t pos)
{
    const instrument *inst = w->inst;
    if (!inst->n_sections)
        return 0;
    if (pos >= inst->n_indicators)
        return inst->n_sections - 1;
    return inst->indicators[pos].section;
}

/* First applicable question of section s (unanswered ones first when
 * prefer_open), or the end. */
static size_t section_first(const wizard *w, size_t s, bool prefer_open)
{
    if (s >= w->inst->n_sections)
        return wizard_end(w);
    const instrument_section *sec = &w->inst->sections[s];
    size_t first = wizard_end(w);
    for (size_t i = sec->first; i < sec->first + sec->count; i++) {
        if (!wizard_applies(w, i))
            continue;
        if (first == wizard_end(w))
            first = i;
        if (!prefer_open || !answered(w, i))
            return i;
    }
    return first;
}

size_t wizard_section_start(const wizard *w, size_t s)
{
    return section_first(w, s, true);
}

size_t wizard_next_section(const wizard *w, size_t pos)
{
    if (pos >= wizard_end(w))
        return wizard_end(w);
    for (size_t s = wizard_section(w, pos) + 1; s < w->inst->n_sections; s++) {
        size_t at = section_first(w, s, false);
        if (at != wizard_end(w))
            return at;
    }
    return wizard_end(w);
}

size_t wizard_prev_section(const wizard *w, size_t pos)
{
    size_t n = w->inst->n_sections;
    if (pos >= wizard_end(w)) {
        for (size_t s = n; s-- > 0;) {
            size_t at = section_first(w, s, false);
            if (at != wizard_end(w))
                return at;
        }
        return wizard_end(w);
    }
    size_t here = wizard_section(w, pos);
    for (size_t s = here; s-- > 0;) {
        size_t at = section_first(w, s, false);
        if (at != wizard_end(w))
            return at;
    }
    return section_first(w, here, false);
}

static wizard_progress count_range(const wizard *w, size_t from, size_t to)
{
    wizard_progress p = { 0, 0 };
    for (size_t i = from; i < to; i++) {
        if (!wizard_applies(w, i))
            continue;
        p.total++;
        if (answered(w, i))
            p.answered++;
    }
    return p;
}

wizard_progress wizard_progress_all(const wizard *w)
{
    return count_range(w, 0, wizard_end(w));
}

wizard_progress wizard_progress_section(const wizard *w, size_t s)
{
    if (s >= w->inst->n_sections) {
        wizard_progress none = { 0, 0 };
        return none;
    }
    const instrument_section *sec = &w->inst->sections[s];
    return count_range(w, sec->first, sec->first + sec->count);
}

size_t wizard_number(const wizard *w, size_t pos)
{
    if (!wizard_applies(w, pos))
        return 0;
    return count_range(w, 0, pos + 1).total;
}

size_t wizard_first_unanswered(const wizard *w)
{
    for (size_t i = 0; i < wizard_end(w); i++)
        if (wizard_applies(w, i) && !answered(w, i))
            return i;
    return wizard_end(w);
}

size_t wizard_resume(const wizard *w, size_t stored)
{
    if (wizard_applies(w, stored))
        return stored;
    size_t next = stored < wizard_end(w) ? wizard_next(w, stored) : wizard_end(w);
    if (next != wizard_end(w))
        return next;
    return wizard_first_unanswered(w);
}

void wizard_bar(size_t done, size_t total, int width, char *out, size_t outsz)
{
    static const char full[] = "\xE2\x96\x88", light[] = "\xE2\x96\x91";
    if (!outsz)
        return;
    out[0] = '\0';
    if (width < 1)
        width = 1;
    size_t filled = 0;
    if (total) {
        if (done > total)
            done = total;
        filled = done * (size_t)width / total;
        /* Never empty once something is answered... */
        if (done > 0 && filled == 0)
            filled = 1;
        /* ...and full only when everything is: a bar that looks full while
         * a question is open would hide it. */
        if (done < total && filled == (size_t)width)
            filled = (size_t)width - 1;
    }
    size_t used = 0;
    for (size_t c = 0; c < (size_t)width && used + 3 < outsz; c++, used += 3)
        memcpy(out + used, c < filled ? full : light, 3);
    out[used] = '\0';
}
