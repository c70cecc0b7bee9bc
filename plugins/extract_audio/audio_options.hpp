// The options of `sb audio` and the settings one job reads from them.
#ifndef SB_AUDIO_AUDIO_OPTIONS_HPP
#define SB_AUDIO_AUDIO_OPTIONS_HPP

#include <sb/converter.hpp>

#include <array>
#include <cstdint>
#include <optional>

namespace sb::audio {

enum class Format { m4a, mp3, opus, flac, wav };

struct Settings {
    Format format = Format::m4a;
    std::int64_t bitrate = 192000; // bits per second, lossy formats only
    bool bitrate_given = false;    // the user typed --audio-bitrate
    std::optional<int> stream;     // --stream N: index among the audio streams
    bool copy = false;             // --copy: keep the packets, no re-encoding
};

// The descriptor table (static storage: the host keeps pointers into it).
const std::array<sb_option_desc, 4> &option_table() noexcept;

// Reads the validated values of this job's options. Throws sb::sdk::Error only
// for a value the host should never have let through.
Settings read_settings(const sb::sdk::Job &job);

} // namespace sb::audio

#endif // SB_AUDIO_AUDIO_OPTIONS_HPP
