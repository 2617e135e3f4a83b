/* core/caserec.c: not yet written */
typedef int tc_placeholder_caserec;
