#include "plugin_under_test.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include <dlfcn.h>

namespace sb::test {

const sb_plugin_entry_t *mp4_plugin_entry() {
    static const sb_plugin_entry_t *entry = [] () -> const sb_plugin_entry_t * {
        void *handle = dlopen(SB_MP4_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
        if (handle == nullptr) {
            ADD_FAILURE() << "dlopen(" << SB_MP4_PLUGIN_PATH << "): " << dlerror();
            return nullptr;
        }
        void *symbol = dlsym(handle, SB_PLUGIN_ENTRY_SYMBOL);
        if (symbol == nullptr) ADD_FAILURE() << "no " << SB_PLUGIN_ENTRY_SYMBOL << " in " << SB_MP4_PLUGIN_PATH;
        return static_cast<const sb_plugin_entry_t *>(symbol);
    }();
    return entry;
}

const sb_plugin_desc *mp4_plugin() {
    const sb_plugin_entry_t *entry = mp4_plugin_entry();
    if (entry == nullptr) return nullptr;
    sb_host_info host{};
    host.struct_size = sizeof host;
    host.abi_major = SB_ABI_VERSION_MAJOR;
    host.abi_minor = SB_ABI_VERSION_MINOR;
    host.host_version = "tests";
    return entry->get_plugin(&host);
}

const sb_converter_desc *mp4_converter() {
    const sb_plugin_desc *plugin = mp4_plugin();
    if (plugin == nullptr) return nullptr;
    for (uint32_t i = 0; i < plugin->converter_count; ++i)
        if (std::strcmp(plugin->converters[i]->name, "mp4") == 0) return plugin->converters[i];
    ADD_FAILURE() << "plugin has no 'mp4' converter";
    return nullptr;
}

} // namespace sb::test

extern "C" {
#include <libavutil/log.h>
}

#include <cstdlib>

namespace {
// The test binary plays the host, which owns FFmpeg's process-wide log: keep
// codec chatter out of the test output unless asked (SB_TEST_FFMPEG_LOG=1).
const bool kQuietFfmpeg = [] {
    const char *verbose = std::getenv("SB_TEST_FFMPEG_LOG");
    if (verbose == nullptr || *verbose == '\0' || *verbose == '0') av_log_set_level(AV_LOG_QUIET);
    return true;
}();
} // namespace
