/* <sb/plugin_abi.h> as a C11 plugin author sees it: compiled with -std=c11
 * -Wall -Wextra -Wpedantic -Werror (and stricter C warnings), a plugin written
 * with designated initializers, and the layout rules the ABI promises checked
 * at compile time. Exits non-zero if the entry it exports is not what the host
 * expects. */
#include <sb/plugin_abi.h>

#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* The frozen header of the entry: the host reads these three first. */
_Static_assert(offsetof(sb_plugin_entry_t, abi_major) == 0, "abi_major first");
_Static_assert(offsetof(sb_plugin_entry_t, abi_minor) == 4, "abi_minor second");
_Static_assert(offsetof(sb_plugin_entry_t, struct_size) == 8, "struct_size third");
/* Every size-prefixed struct starts with its size. */
_Static_assert(offsetof(sb_option_desc, struct_size) == 0, "sb_option_desc.struct_size first");
_Static_assert(offsetof(sb_converter_desc, struct_size) == 0, "sb_converter_desc.struct_size first");
_Static_assert(offsetof(sb_plugin_desc, struct_size) == 0, "sb_plugin_desc.struct_size first");
_Static_assert(offsetof(sb_host_api, struct_size) == 0, "sb_host_api.struct_size first");
_Static_assert(offsetof(sb_progress, struct_size) == 0, "sb_progress.struct_size first");
/* 1.1 appended min_log_level after the 1.0 table, nothing in between. */
_Static_assert(offsetof(sb_host_api, min_log_level) == offsetof(sb_host_api, option_string) + sizeof(void (*)(void)),
               "min_log_level appended right after the 1.0 functions");
_Static_assert(sizeof(sb_status) == 4 && sizeof(sb_log_level) == 4 && sizeof(sb_option_type) == 4,
               "enumerations are fixed-width");
_Static_assert(SB_OPTION_OUTPUT_EXTENSION != SB_OPTION_HAS_RANGE, "flags are distinct bits");

static sb_status convert(sb_job *job, const sb_host_api *host) {
    if (host->is_cancelled(job)) return SB_STATUS_CANCELLED;
    host->set_error(job, "the C11 header test converter never converts");
    return SB_STATUS_FAILED;
}

static const char *const formats[] = {"txt", "md", NULL};
static const sb_option_desc options[] = {
    {.struct_size = sizeof(sb_option_desc), .name = "format", .type = SB_OPTION_CHOICE,
     .flags = SB_OPTION_OUTPUT_EXTENSION, .help = "Output format", .default_value = "txt", .choices = formats},
    {.struct_size = sizeof(sb_option_desc), .name = "level", .short_name = "l", .type = SB_OPTION_INT,
     .flags = SB_OPTION_HAS_RANGE, .help = "A level", .default_value = "3", .min_value = 0, .max_value = 9},
};
static const char *const inputs[] = {".in", NULL};
static const sb_converter_desc converter = {
    .struct_size = sizeof(sb_converter_desc),
    .name = "c11-test",
    .summary = "C11 header test",
    .input_extensions = inputs,
    .output_extension = ".txt",
    .options = options,
    .option_count = sizeof options / sizeof options[0],
    .convert = convert,
};
static const sb_converter_desc *const converters[] = {&converter};
static const sb_plugin_desc plugin = {
    .struct_size = sizeof(sb_plugin_desc), .id = "org.sb.test.c11", .version = "1", .converter_count = 1,
    .converters = converters};

static const sb_plugin_desc *get_plugin(const sb_host_info *host) {
    return host->abi_major == SB_ABI_VERSION_MAJOR ? &plugin : NULL;
}

SB_PLUGIN_EXPORT extern const sb_plugin_entry_t sb_plugin_entry;
SB_PLUGIN_EXPORT const sb_plugin_entry_t sb_plugin_entry = {
    .abi_major = SB_ABI_VERSION_MAJOR, .abi_minor = SB_ABI_VERSION_MINOR, .struct_size = sizeof(sb_plugin_entry_t),
    .get_plugin = get_plugin};

int main(void) {
    const sb_host_info host = {.struct_size = sizeof host, .abi_major = SB_ABI_VERSION_MAJOR,
                               .abi_minor = SB_ABI_VERSION_MINOR, .host_version = "test"};
    const sb_plugin_desc *desc = sb_plugin_entry.get_plugin(&host);
    if (desc == NULL || desc->converter_count != 1 || strcmp(desc->converters[0]->name, "c11-test") != 0) {
        fputs("C11 plugin entry is not usable\n", stderr);
        return 1;
    }
    if (desc->converters[0]->probe != NULL || desc->converters[0]->plan != NULL) {
        fputs("designated initializers left optional functions set\n", stderr);
        return 1;
    }
    puts("C11: plugin_abi.h compiles and describes a usable plugin");
    return 0;
}
