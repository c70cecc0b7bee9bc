#include "audio_input.hpp"

#include <sb/ffmpeg/input_file.hpp>

extern "C" {
#include <libavformat/avformat.h>
}

namespace sb::audio {
namespace {

[[noreturn]] void throw_not_media() {
    throw sb::sdk::Error("not a media file FFmpeg can read: its content matches no known format");
}

} // namespace

ExtractionPlan plan_for(const AVFormatContext &input, const Settings &settings, const std::string &path) {
    try {
        return plan_extraction(input, settings);
    } catch (const sb::sdk::Error &) {
        if (!sb::ffmpeg::content_is_media(path)) throw_not_media();
        throw;
    }
}

} // namespace sb::audio
