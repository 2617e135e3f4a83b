#include <stdio.h>
int main(void) { puts("bench: not yet written"); return 0; }
