/* The struct sizes as ABI 1.0 defined them: compiled against the frozen 1.0
 * header (tests/sdk/abi_1_0), read by abi_sizes_test.c, which is compiled
 * against the current header. */
#include <sb/plugin_abi.h>

#include "abi10_sizes.h"

#if SB_ABI_VERSION_MAJOR != 1 || SB_ABI_VERSION_MINOR != 0
#error "abi10_sizes.c must be compiled against the frozen ABI 1.0 header"
#endif

const sb_test_struct_sizes sb_test_abi10_sizes = {
    .entry = sizeof(sb_plugin_entry_t),
    .plugin_desc = sizeof(sb_plugin_desc),
    .converter_desc = sizeof(sb_converter_desc),
    .option_desc = sizeof(sb_option_desc),
    .progress = sizeof(sb_progress),
    .probe_info = sizeof(sb_probe_info),
    .host_info = sizeof(sb_host_info),
    .host_api = sizeof(sb_host_api),
};
