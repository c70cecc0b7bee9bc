// What one `sb audio` job will do, decided from the input's headers before any
// output exists — shared by convert (which executes it) and --dry-run (which
// prints it), so both refuse the same inputs with the same reasons.
#ifndef SB_AUDIO_EXTRACTION_PLAN_HPP
#define SB_AUDIO_EXTRACTION_PLAN_HPP

#include "audio_formats.hpp"
#include "audio_options.hpp"
#include "stream_choice.hpp"

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
}

#include <cstdint>
#include <string>
#include <vector>

namespace sb::audio {

// Owns an AVChannelLayout (a custom-order layout holds an allocated map).
class ChannelLayout {
public:
    ChannelLayout() = default;
    explicit ChannelLayout(const AVChannelLayout &layout);
    ChannelLayout(const ChannelLayout &other) : ChannelLayout(other.layout_) {}
    ChannelLayout &operator=(const ChannelLayout &other);
    ~ChannelLayout() { av_channel_layout_uninit(&layout_); }

    const AVChannelLayout &get() const noexcept { return layout_; }
    std::string describe() const; // "stereo", "5.1(side)"

private:
    AVChannelLayout layout_{};
};

struct ExtractionPlan {
    ChosenStream stream;
    const FormatSpec *format = nullptr;
    bool copy = false;
    // Re-encoding only:
    const AVCodec *encoder = nullptr;
    int sample_rate = 0;
    AVSampleFormat sample_format = AV_SAMPLE_FMT_NONE;
    ChannelLayout layout;
    int bits_per_raw_sample = 0; // 24 keeps 24-bit FLAC 24-bit; 0 = encoder default
    std::int64_t bitrate = 0;    // 0 for lossless formats

    std::vector<std::string> decisions; // info lines: what happens and why
    std::vector<std::string> warnings;  // e.g. an option that has no effect
};

// Throws sb::sdk::Error with the reason the input cannot be extracted as asked
// (no audio, --stream out of range, --copy of a codec the format cannot hold,
// a bitrate the format does not allow, a missing encoder).
ExtractionPlan plan_extraction(const AVFormatContext &input, const Settings &settings);

// "aac, 48000 Hz, stereo" for log lines.
std::string describe_source(const AVCodecParameters &par);

} // namespace sb::audio

#endif // SB_AUDIO_EXTRACTION_PLAN_HPP
