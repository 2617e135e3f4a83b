/* report_screen.c - STUB: replaced by its owner in issue 7. */
#include "tui/tui.h"
void screen_report(tui *t) { (void)t; }
