#include "mp4_options.hpp"

#include <array>
#include <cstring>
#include <initializer_list>
#include <string_view>

namespace sb::mp4 {
namespace {

using sb::sdk::bitrate_option;
using sb::sdk::choice_option;
using sb::sdk::flag_option;
using sb::sdk::int_option;

constexpr const char *kModes[] = {"auto", "transcode", "copy", nullptr};
constexpr const char *kPresets[] = {"ultrafast", "superfast", "veryfast", "faster", "fast",
                                    "medium",    "slow",      "slower",   "veryslow", nullptr};
constexpr const char *kCodecs[] = {"h264", "h265", "vp9", nullptr};
constexpr const char *kAudioModes[] = {"aac", "mp3", "copy", nullptr};
constexpr const char *kHwAccels[] = {"none", "auto", "nvenc", "qsv", "vaapi", nullptr};
// What makes sense for an MP4 that is still a normal video: 8/10-bit, 4:2:0,
// 4:2:2 or 4:4:4 YUV. Whether the chosen encoder can do it is checked per job
// (encoder_selection.cpp), e.g. hardware encoders take 4:2:0 only.
constexpr const char *kPixelFormats[] = {"yuv420p",     "yuv422p",     "yuv444p", "yuv420p10le",
                                         "yuv422p10le", "yuv444p10le", nullptr};

constexpr std::array kOptions = {
    choice_option("mode", nullptr,
                  "auto: copy the streams MP4 plays as they are and re-encode the rest; transcode: re-encode "
                  "every stream; copy: copy every stream (fails when MP4 cannot hold one)",
                  "auto", kModes),
    int_option("quality", "q", "Video quality as CRF: lower is better and larger (x264 scale)", "23", 0, 51, "CRF"),
    choice_option("preset", "p", "Encoder speed/size trade-off", "medium", kPresets),
    choice_option("codec", "c", "Video codec", "h264", kCodecs),
    choice_option("audio", nullptr, "Audio codec; copy keeps the audio packets as they are", "aac", kAudioModes),
    bitrate_option("audio-bitrate", nullptr, "Audio bitrate", "192k", 8000, 1000000),
    bitrate_option("bitrate", "b", "Target video bitrate (replaces --quality)", nullptr, 10000, 1000000000),
    choice_option("hw", nullptr,
                  "Hardware encoder (needs a GPU and driver); auto tries nvenc, qsv, vaapi and falls back to "
                  "software",
                  "none", kHwAccels),
    choice_option("pix-fmt", nullptr,
                  "Pixel format of re-encoded video (default yuv420p, which plays everywhere; hardware encoders "
                  "take yuv420p or, for h265, yuv420p10le)",
                  nullptr, kPixelFormats),
    flag_option("strip-metadata", nullptr,
                "Remove all tags: capture date, device make/model, GPS location, titles, languages, timecode"),
    flag_option("strip-location", nullptr,
                "Remove only the GPS location tags (com.apple.quicktime.location.ISO6709 and the like); keep the rest"),
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

// Which of `names` (long option names) the user typed, as they would be typed.
std::vector<std::string> flags_set(const sb::sdk::Job &job, std::initializer_list<const char *> names) {
    std::vector<std::string> typed;
    for (const char *name : names) {
        if (!job.option_is_set(name)) continue;
        const sb_option_desc &o = option(name);
        typed.push_back(o.short_name != nullptr ? "-" + std::string(o.short_name) : "--" + std::string(name));
    }
    return typed;
}

} // namespace

std::span<const sb_option_desc> option_table() noexcept { return kOptions; }

Mp4Settings read_settings(const sb::sdk::Job &job) {
    Mp4Settings s;
    s.mode = choice_value<Mode>(job, "mode", kModes);
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
    s.pix_fmt = string_value(job, "pix-fmt");
    if (!s.pix_fmt.empty()) {
        bool known = false;
        for (const char *const *p = kPixelFormats; *p != nullptr; ++p) known = known || s.pix_fmt == *p;
        if (!known) throw sb::sdk::Error("--pix-fmt: unsupported value '" + s.pix_fmt + "'");
    }
    s.strip_metadata = job.option_flag("strip-metadata");
    s.strip_location = job.option_flag("strip-location");
    s.video_flags_set = flags_set(job, {"quality", "preset", "bitrate", "codec", "pix-fmt"});
    s.audio_flags_set = flags_set(job, {"audio", "audio-bitrate"});
    return s;
}

const char *to_string(Mode mode) noexcept { return kModes[static_cast<int>(mode)]; }

const char *to_string(VideoCodec codec) noexcept { return kCodecs[static_cast<int>(codec)]; }
const char *to_string(AudioMode mode) noexcept { return kAudioModes[static_cast<int>(mode)]; }
const char *to_string(HwAccel hw) noexcept { return kHwAccels[static_cast<int>(hw)]; }

} // namespace sb::mp4
