/* Fixture converter "fixture-c", written against the C ABI alone (compiled as
 * C11): proves a plugin needs nothing but <sb/plugin_abi.h>. Copies the input. */
#include <sb/plugin_abi.h>

#include <stdio.h>

static sb_status convert(sb_job *job, const sb_host_api *host) {
    FILE *in = fopen(host->input_path(job), "rb");
    if (!in) {
        host->set_error(job, "cannot open input");
        return SB_STATUS_FAILED;
    }
    FILE *out = fopen(host->output_path(job), "wb");
    if (!out) {
        fclose(in);
        host->set_error(job, "cannot open output");
        return SB_STATUS_FAILED;
    }
    char buffer[4096];
    size_t n;
    int ok = 1;
    while ((n = fread(buffer, 1, sizeof buffer, in)) > 0) {
        if (host->is_cancelled(job)) {
            ok = -1;
            break;
        }
        if (fwrite(buffer, 1, n, out) != n) ok = 0;
    }
    fclose(in);
    if (fclose(out) != 0) ok = 0;
    if (ok < 0) return SB_STATUS_CANCELLED;
    if (!ok) {
        host->set_error(job, "write failed");
        return SB_STATUS_FAILED;
    }
    host->log(job, SB_LOG_INFO, "copied by a C plugin");
    return SB_STATUS_OK;
}

static const char *const extensions[] = {".ctxt", NULL};

static const sb_converter_desc converter = {
    sizeof(sb_converter_desc), "fixture-c", "Copy files (C fixture)", NULL, extensions, ".cout", NULL, 0, convert, NULL, NULL,
};

static const sb_converter_desc *const converters[] = {&converter};

static const sb_plugin_desc plugin = {sizeof(sb_plugin_desc), "org.sb.test.fixture_c", "0.0.1", 1, converters};

static const sb_plugin_desc *get_plugin(const sb_host_info *host) {
    (void)host;
    return &plugin;
}

SB_PLUGIN_EXPORT const sb_plugin_entry_t sb_plugin_entry = {
    SB_ABI_VERSION_MAJOR, SB_ABI_VERSION_MINOR, sizeof(sb_plugin_entry_t), get_plugin,
};
