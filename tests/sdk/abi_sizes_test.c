/* ABI 1.1 only appended to host-written structs: every struct a plugin writes
 * (entry, descriptors, progress) keeps its ABI 1.0 size, so the sizes
 * core/src/plugin_validation.cpp requires of a plugin (kOptionDescSize10, ...,
 * written as sizeof of the current header) are still the 1.0 ones. When a later
 * minor appends a field to one of them, this test fails: the host must then
 * keep the 1.0 size as a number instead of sizeof. sb_host_api may only grow. */
#include <sb/plugin_abi.h>

#include "abi10_sizes.h"

#include <stdio.h>

static int failures;

static void same(const char *name, size_t v10, size_t now) {
    if (v10 != now) {
        fprintf(stderr, "FAILED: %s is %zu bytes, was %zu in ABI 1.0 (plugins write it: keep the 1.0 size in the host)\n",
                name, now, v10);
        ++failures;
    }
}

int main(void) {
    const sb_test_struct_sizes *old = &sb_test_abi10_sizes;
    same("sb_plugin_entry_t", old->entry, sizeof(sb_plugin_entry_t));
    same("sb_plugin_desc", old->plugin_desc, sizeof(sb_plugin_desc));
    same("sb_converter_desc", old->converter_desc, sizeof(sb_converter_desc));
    same("sb_option_desc", old->option_desc, sizeof(sb_option_desc));
    same("sb_progress", old->progress, sizeof(sb_progress));
    same("sb_probe_info", old->probe_info, sizeof(sb_probe_info));
    same("sb_host_info", old->host_info, sizeof(sb_host_info));
    if (sizeof(sb_host_api) <= old->host_api) {
        fprintf(stderr, "FAILED: sb_host_api did not grow from ABI 1.0 (%zu -> %zu bytes) though 1.1 appended min_log_level\n",
                old->host_api, sizeof(sb_host_api));
        ++failures;
    }
    if (failures != 0) return 1;
    printf("ABI %u.%u keeps the ABI 1.0 sizes of every plugin-written struct\n", SB_ABI_VERSION_MAJOR, SB_ABI_VERSION_MINOR);
    return 0;
}
