#include <sb/core/ffmpeg_runtime.hpp>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/log.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdarg>
#include <string>

namespace sb::core {

namespace {

void log_to_spdlog(void *avcl, int level, const char *fmt_text, va_list args) {
    if (level > av_log_get_level()) return;
    char line[1024];
    int print_prefix = 1;
    av_log_format_line2(avcl, level, fmt_text, args, line, sizeof line, &print_prefix);
    std::string text(line);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    if (text.empty()) return;
    if (level <= AV_LOG_ERROR) spdlog::error("ffmpeg: {}", text);
    else if (level <= AV_LOG_WARNING) spdlog::warn("ffmpeg: {}", text);
    else spdlog::debug("ffmpeg: {}", text);
}

std::string version_text(unsigned v) {
    return fmt::format("{}.{}.{}", AV_VERSION_MAJOR(v), AV_VERSION_MINOR(v), AV_VERSION_MICRO(v));
}

} // namespace

void route_ffmpeg_log(int verbosity) {
    av_log_set_callback(&log_to_spdlog);
    av_log_set_level(verbosity >= 3 ? AV_LOG_VERBOSE : verbosity == 2 ? AV_LOG_WARNING : AV_LOG_QUIET);
}

std::string ffmpeg_versions() {
    return fmt::format("FFmpeg {} (libavformat {}, libavcodec {}, libavutil {}, libavfilter {}, libswscale {}, libswresample {})",
                       av_version_info(), version_text(avformat_version()), version_text(avcodec_version()),
                       version_text(avutil_version()), version_text(avfilter_version()), version_text(swscale_version()),
                       version_text(swresample_version()));
}

} // namespace sb::core
