/* Struct sizes of one version of <sb/plugin_abi.h>; plain numbers, so two
 * translation units built against different versions of the header can compare
 * them. */
#ifndef SB_TEST_ABI10_SIZES_H
#define SB_TEST_ABI10_SIZES_H

#include <stddef.h>

typedef struct sb_test_struct_sizes {
    size_t entry, plugin_desc, converter_desc, option_desc, progress, probe_info, host_info, host_api;
} sb_test_struct_sizes;

/* Defined in abi10_sizes.c (ABI 1.0 header). */
extern const sb_test_struct_sizes sb_test_abi10_sizes;

#endif
