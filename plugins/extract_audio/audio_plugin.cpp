// The `sb audio` converter: the plugin's only exported entry lives here.
// Built on the public SDK and sb_ffmpeg_support only (nothing from core/).
#include "audio_options.hpp"
#include "extract_job.hpp"

#include <sb/converter.hpp>

namespace sb::audio {
namespace {

class AudioConverter final : public sb::sdk::Converter {
public:
    void convert(const sb::sdk::Job &job) override { extract(job, read_settings(job)); }
    double probe(const sb::sdk::Job &job) override { return probe_duration(job); }
    void plan(const sb::sdk::Job &job) override { describe_plan(job, read_settings(job)); }
};

// Video containers first, then audio-only ones; a file named on the command
// line is tried whatever its extension.
constexpr const char *kInputExtensions[] = {
    ".mov", ".mp4", ".m4v", ".mkv", ".webm", ".avi", ".flv", ".wmv", ".mpeg", ".mpg", ".3gp", ".mts", ".m2ts", ".ts",
    ".mp3", ".m4a", ".aac", ".wav", ".flac", ".ogg", ".oga", ".opus", ".wma", ".aif", ".aiff", ".ac3", ".mka", nullptr};

constexpr const char *kDescription =
    "Extracts one audio stream of each video or audio file into m4a (AAC), mp3, opus, flac or wav. By default the "
    "first audio stream marked default (else the first) is taken; --stream N picks another. --copy keeps the packets "
    "as they are when the codec fits the format (AAC/ALAC in m4a, MP3 in mp3, Opus in opus, FLAC in flac, PCM in "
    "wav) and fails otherwise. Channels and sample rate are kept when the encoder allows (mp3: at most stereo; "
    "opus: 48 kHz family). Title, artist and other tags are copied; video, subtitles and cover art are left out.";

sb::sdk::ConverterInfo converter_info() noexcept {
    sb::sdk::ConverterInfo info;
    info.name = "audio";
    info.summary = "Extract the audio of videos and audio files (m4a, mp3, opus, flac, wav)";
    info.description = kDescription;
    info.input_extensions = kInputExtensions;
    info.output_extension = ".m4a"; // --format's default; the option picks the real one
    info.options = option_table().data();
    info.option_count = static_cast<std::uint32_t>(option_table().size());
    return info;
}

} // namespace
} // namespace sb::audio

namespace {
const sb_converter_desc kAudioConverter = sb::sdk::describe<sb::audio::AudioConverter>(sb::audio::converter_info());
} // namespace

SB_PLUGIN("org.sb.extract_audio", "0.1.0", &kAudioConverter)
