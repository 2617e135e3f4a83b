#include "tests/harness.h"
static void test_placeholder(void) { CU_ASSERT_TRUE(1); }
static CU_TestInfo tests[] = { { "placeholder", test_placeholder }, CU_TEST_INFO_NULL };
static CU_SuiteInfo suites[] = { { "lineedit", NULL, NULL, NULL, NULL, tests }, CU_SUITE_INFO_NULL };
int main(void) { return harness_main("test_lineedit", suites); }
