// The options of `sb mp4` (as data for the host) and their typed reading.
#ifndef SB_MP4_MP4_OPTIONS_HPP
#define SB_MP4_MP4_OPTIONS_HPP

#include <sb/converter.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sb::mp4 {

// The enumerators follow the order of the choice lists in mp4_options.cpp.
enum class Mode { auto_select, transcode, copy };
enum class VideoCodec { h264, h265, vp9 };
enum class AudioMode { aac, mp3, copy };
enum class HwAccel { none, auto_select, nvenc, qsv, vaapi };

// What one job asked for, already validated.
struct Mp4Settings {
    Mode mode = Mode::auto_select;
    int crf = 23;                               // 0..51, x264 scale
    std::string preset = "medium";              // x264 preset names
    VideoCodec codec = VideoCodec::h264;
    AudioMode audio = AudioMode::aac;
    std::int64_t audio_bitrate = 192000;        // bits/s
    std::optional<std::int64_t> video_bitrate;  // bits/s; set = target bitrate instead of CRF
    HwAccel hw = HwAccel::none;
    std::string pix_fmt;                        // --pix-fmt; "" = 8-bit 4:2:0 (what plays everywhere)
    bool strip_metadata = false;                // --strip-metadata: no tags at all
    bool strip_location = false;                // --strip-location: every tag but GPS/location

    // Which of the quality flags the user typed (host: option_is_set). In auto
    // mode they turn copying off for the streams they apply to.
    std::vector<std::string> video_flags_set; // "-q", "-p", "-b", "-c", "--pix-fmt"
    std::vector<std::string> audio_flags_set; // "--audio", "--audio-bitrate"
};

// The static option descriptor table handed to the host (lives for the process).
std::span<const sb_option_desc> option_table() noexcept;

// Reads the job's option values. Values the host did not supply fall back to the
// table's defaults; a value outside the table (a host bug) throws sb::sdk::Error.
Mp4Settings read_settings(const sb::sdk::Job &job);

const char *to_string(Mode mode) noexcept;
const char *to_string(VideoCodec codec) noexcept;
const char *to_string(AudioMode mode) noexcept;
const char *to_string(HwAccel hw) noexcept;

} // namespace sb::mp4

#endif // SB_MP4_MP4_OPTIONS_HPP
