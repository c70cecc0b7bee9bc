#include "audio_input.hpp"

#include <sb/ffmpeg/input_file.hpp>

extern "C" {
#include <libavformat/avformat.h>
}

#include <fstream>
#include <vector>

namespace sb::audio {
namespace {

// Enough for every demuxer's content probe (FFmpeg's own first round is 2 KiB,
// MP3 looks for a few consecutive frames).
constexpr std::size_t kProbeBytes = 64 * 1024;

[[noreturn]] void throw_not_media() {
    throw sb::sdk::Error("not a media file FFmpeg can read: its content matches no known format");
}

} // namespace

bool content_is_media(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return true; // unreadable: the original reason says why
    std::vector<unsigned char> buffer(kProbeBytes + AVPROBE_PADDING_SIZE, 0);
    in.read(reinterpret_cast<char *>(buffer.data()), static_cast<std::streamsize>(kProbeBytes));
    const auto size = static_cast<int>(in.gcount());
    if (size <= 0) return true;
    AVProbeData probe{};
    probe.filename = ""; // content only: no extension match
    probe.buf = buffer.data();
    probe.buf_size = size;
    int score = 0;
    const AVInputFormat *format = av_probe_input_format3(&probe, 1, &score);
    // The score avformat_open_input itself trusts without looking further.
    return format != nullptr && score > AVPROBE_SCORE_RETRY;
}

sb::ffmpeg::InputContextPtr open_audio_input(const sb::sdk::Job &job) {
    const std::string path = job.input_path();
    try {
        return sb::ffmpeg::open_input(path, job);
    } catch (const sb::sdk::Error &) {
        if (!content_is_media(path)) throw_not_media();
        throw;
    }
}

ExtractionPlan plan_for(const AVFormatContext &input, const Settings &settings, const std::string &path) {
    try {
        return plan_extraction(input, settings);
    } catch (const sb::sdk::Error &) {
        if (!content_is_media(path)) throw_not_media();
        throw;
    }
}

} // namespace sb::audio
