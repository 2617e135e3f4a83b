/* core/geo.c: not yet written */
typedef int tc_placeholder_geo;
