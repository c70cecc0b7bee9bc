#include "plugin_under_test.hpp"

#include "plugin_module.hpp"

namespace sb::test {

const sb_plugin_entry_t *mp4_plugin_entry() {
    static const sb_plugin_entry_t *entry = plugin_entry_in(SB_MP4_PLUGIN_PATH);
    return entry;
}

const sb_plugin_desc *mp4_plugin() { return plugin_of(mp4_plugin_entry()); }

const sb_converter_desc *mp4_converter() { return converter_named(mp4_plugin(), "mp4"); }

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
