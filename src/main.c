/* main.c - STUB command line (replaced by the lead shortly). */
#include <stdio.h>
int main(void) { puts("rapport"); return 0; }
