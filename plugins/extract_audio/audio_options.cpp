#include "audio_options.hpp"

#include <cstring>
#include <string>

namespace sb::audio {
namespace {

constexpr const char *kFormats[] = {"m4a", "mp3", "opus", "flac", "wav", nullptr};

// The host builds `sb audio --help`, validation and defaults from this table.
constexpr std::array<sb_option_desc, 4> kOptions = {
    // The chosen value is also the output extension (SB_OPTION_OUTPUT_EXTENSION),
    // so the core names the file clip.mp3 for --format mp3.
    sb::sdk::output_extension_option("format", nullptr,
                                     "Output format: m4a (AAC), mp3, opus (Ogg Opus), flac or wav (PCM)", "m4a",
                                     kFormats),
    sb::sdk::bitrate_option("audio-bitrate", nullptr,
                            "Bitrate for m4a, mp3 and opus (ignored for flac, wav and --copy)", "192k", 8e3, 1e6),
    sb::sdk::int_option("stream", nullptr,
                        "Which audio stream to extract, counting from 0 (default: the first one marked default, "
                        "else the first)",
                        nullptr, 0, 63, "N"),
    sb::sdk::flag_option("copy", nullptr,
                         "Keep the audio packets as they are (no re-encoding); fails when the codec does not fit "
                         "the format"),
};

Format parse_format(const std::string &name) {
    static constexpr Format kValues[] = {Format::m4a, Format::mp3, Format::opus, Format::flac, Format::wav};
    for (std::size_t i = 0; kFormats[i] != nullptr; ++i)
        if (name == kFormats[i]) return kValues[i];
    throw sb::sdk::Error("unknown --format '" + name + "'");
}

} // namespace

const std::array<sb_option_desc, 4> &option_table() noexcept { return kOptions; }

Settings read_settings(const sb::sdk::Job &job) {
    Settings s;
    const std::string format = job.option_string("format");
    s.format = format.empty() ? Format::m4a : parse_format(format);
    s.bitrate = job.option_int("audio-bitrate");
    s.bitrate_given = job.option_is_set("audio-bitrate");
    if (job.option_is_set("stream")) s.stream = static_cast<int>(job.option_int("stream"));
    s.copy = job.option_flag("copy");
    return s;
}

} // namespace sb::audio
