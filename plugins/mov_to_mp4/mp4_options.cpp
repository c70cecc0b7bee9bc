#include "mp4_options.hpp"

#include <array>
#include <cstring>
#include <string_view>

namespace sb::mp4 {
namespace {

using sb::sdk::bitrate_option;
using sb::sdk::choice_option;
using sb::sdk::int_option;

constexpr const char *kPresets[] = {"ultrafast", "superfast", "veryfast", "faster", "fast",
                                    "medium",    "slow",      "slower",   "veryslow", nullptr};
constexpr const char *kCodecs[] = {"h264", "h265", "vp9", nullptr};
constexpr const char *kAudioModes[] = {"aac", "mp3", "copy", nullptr};
constexpr const char *kHwAccels[] = {"none", "nvenc", "qsv", "vaapi", nullptr};

constexpr std::array kOptions = {
    int_option("quality", "q", "Video quality as CRF: lower is better and larger (x264 scale)", "23", 0, 51, "CRF"),
    choice_option("preset", "p", "Encoder speed/size trade-off", "medium", kPresets),
    choice_option("codec", "c", "Video codec", "h264", kCodecs),
    choice_option("audio", nullptr, "Audio codec; copy keeps the audio packets as they are", "aac", kAudioModes),
    bitrate_option("audio-bitrate", nullptr, "Audio bitrate", "192k", 8000, 1000000),
    bitrate_option("bitrate", "b", "Target video bitrate (replaces --quality)", nullptr, 10000, 1000000000),
    choice_option("hw", nullptr, "Hardware encoder (needs a GPU and driver)", "none", kHwAccels),
};

const sb_option_desc &option(std::string_view name) {
    for (const auto &o : kOptions)
        if (name == o.name) return o;
    throw sb::sdk::Error("internal: unknown option " + std::string(name));
}

std::string string_value(const sb::sdk::Job &job, const char *name) {
    std::string value = job.option_string(name);
    if (value.empty() && option(name).default_value != nullptr) value = option(name).default_value;
    return value;
}

template <class Enum, std::size_t N>
Enum choice_value(const sb::sdk::Job &job, const char *name, const char *const (&choices)[N]) {
    const std::string value = string_value(job, name);
    for (std::size_t i = 0; i + 1 < N; ++i)
        if (value == choices[i]) return static_cast<Enum>(i);
    throw sb::sdk::Error("--" + std::string(name) + ": unsupported value '" + value + "'");
}

std::int64_t int_value(const sb::sdk::Job &job, const char *name) {
    // option_int() is 0 both for "0" and for "unset without default", so look at
    // the text first to tell them apart.
    if (job.option_string(name).empty()) {
        const char *fallback = option(name).default_value;
        return fallback != nullptr ? std::stoll(fallback) : 0;
    }
    return job.option_int(name);
}

void require_range(const char *name, std::int64_t value) {
    const sb_option_desc &o = option(name);
    if ((o.flags & SB_OPTION_HAS_RANGE) != 0 &&
        (static_cast<double>(value) < o.min_value || static_cast<double>(value) > o.max_value))
        throw sb::sdk::Error("--" + std::string(name) + ": " + std::to_string(value) + " is out of range");
}

} // namespace

std::span<const sb_option_desc> option_table() noexcept { return kOptions; }

Mp4Settings read_settings(const sb::sdk::Job &job) {
    Mp4Settings s;
    const std::int64_t crf = int_value(job, "quality");
    require_range("quality", crf);
    s.crf = static_cast<int>(crf);
    s.preset = string_value(job, "preset");
    bool known_preset = false;
    for (const char *const *p = kPresets; *p != nullptr; ++p) known_preset = known_preset || s.preset == *p;
    if (!known_preset) throw sb::sdk::Error("--preset: unsupported value '" + s.preset + "'");
    s.codec = choice_value<VideoCodec>(job, "codec", kCodecs);
    s.audio = choice_value<AudioMode>(job, "audio", kAudioModes);
    s.hw = choice_value<HwAccel>(job, "hw", kHwAccels);
    s.audio_bitrate = int_value(job, "audio-bitrate");
    require_range("audio-bitrate", s.audio_bitrate);
    if (!job.option_string("bitrate").empty()) {
        s.video_bitrate = job.option_int("bitrate");
        require_range("bitrate", *s.video_bitrate);
    }
    return s;
}

const char *to_string(VideoCodec codec) noexcept { return kCodecs[static_cast<int>(codec)]; }
const char *to_string(AudioMode mode) noexcept { return kAudioModes[static_cast<int>(mode)]; }
const char *to_string(HwAccel hw) noexcept { return kHwAccels[static_cast<int>(hw)]; }

} // namespace sb::mp4
