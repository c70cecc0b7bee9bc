/* Fixture "old-abi": a plugin as it was built against the ABI 1.0 SDK — compiled
 * against tests/sdk/abi_1_0/sb/plugin_abi.h, the frozen 1.0 header, so its
 * entry says 1.0 and its structs have the 1.0 sizes. Every 1.x host must load
 * and run it. Copies the input to the output. */
#include <sb/plugin_abi.h>

#include <stdio.h>

#if SB_ABI_VERSION_MINOR != 0
#error "fixture_abi10 must be compiled against the frozen ABI 1.0 header"
#endif

static sb_status convert(sb_job *job, const sb_host_api *host) {
    FILE *in = fopen(host->input_path(job), "rb");
    FILE *out = in ? fopen(host->output_path(job), "wb") : NULL;
    char buffer[4096];
    size_t n;
    int ok = in != NULL && out != NULL;
    while (ok && (n = fread(buffer, 1, sizeof buffer, in)) > 0) {
        if (host->is_cancelled(job)) {
            fclose(in);
            fclose(out);
            return SB_STATUS_CANCELLED;
        }
        ok = fwrite(buffer, 1, n, out) == n;
    }
    if (in) fclose(in);
    if (out && fclose(out) != 0) ok = 0;
    if (!ok) {
        host->set_error(job, "old-abi: copy failed");
        return SB_STATUS_FAILED;
    }
    host->log(job, SB_LOG_INFO, "copied by an ABI 1.0 plugin");
    return SB_STATUS_OK;
}

static const char *const modes[] = {"plain", "fancy", NULL};
static const sb_option_desc options[] = {
    {.struct_size = sizeof(sb_option_desc), .name = "mode", .type = SB_OPTION_CHOICE, .help = "Copy mode",
     .default_value = "plain", .choices = modes},
};
static const char *const inputs[] = {".old", NULL};
static const sb_converter_desc converter = {
    .struct_size = sizeof(sb_converter_desc),
    .name = "old-abi",
    .summary = "Copy files (plugin built against ABI 1.0)",
    .input_extensions = inputs,
    .output_extension = ".copy",
    .options = options,
    .option_count = 1,
    .convert = convert,
};
static const sb_converter_desc *const converters[] = {&converter};
static const sb_plugin_desc plugin = {.struct_size = sizeof(sb_plugin_desc), .id = "org.sb.test.abi10",
                                      .version = "1.0.0", .converter_count = 1, .converters = converters};

static const sb_plugin_desc *get_plugin(const sb_host_info *host) {
    (void)host;
    return &plugin;
}

SB_PLUGIN_EXPORT extern const sb_plugin_entry_t sb_plugin_entry;
SB_PLUGIN_EXPORT const sb_plugin_entry_t sb_plugin_entry = {SB_ABI_VERSION_MAJOR, SB_ABI_VERSION_MINOR,
                                                           sizeof(sb_plugin_entry_t), get_plugin};
