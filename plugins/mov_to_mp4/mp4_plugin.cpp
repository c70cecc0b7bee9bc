// The `sb mp4` converter: the plugin's only exported entry lives here.
#include "mp4_options.hpp"
#include "transcode_pipeline.hpp"

#include <sb/converter.hpp>

namespace sb::mp4 {
namespace {

class Mp4Converter final : public sb::sdk::Converter {
public:
    void convert(const sb::sdk::Job &job) override { convert_file(job, read_settings(job)); }
    double probe(const sb::sdk::Job &job) override { return probe_duration(job); }
    void plan(const sb::sdk::Job &job) override { describe_plan(job, read_settings(job)); }
};

constexpr const char *kInputExtensions[] = {".mov", ".avi",  ".mkv", ".flv", ".wmv", ".m4v", ".mpeg", ".mpg",
                                            ".webm", ".mp4", ".3gp", ".mts", ".m2ts", ".ts",  nullptr};

constexpr const char *kDescription =
    "--mode auto (default) copies each stream that already plays in MP4 (H.264 8-bit 4:2:0, HEVC 8/10-bit "
    "4:2:0 tagged hvc1; AAC, MP3, AC-3, ALAC) and re-encodes the rest to H.264/H.265/VP9 8-bit 4:2:0 "
    "and AAC/MP3; any quality flag re-encodes the streams it applies to. The index is written at the front "
    "(faststart); timestamps are kept (variable frame rate stays variable); rotation, creation time, Apple "
    "QuickTime keys, GPS location, languages, titles and chapters are kept (--strip-location drops the "
    "location only, --strip-metadata every tag). "
    "Every video and audio stream is kept in order; text subtitles become mov_text; bitmap subtitles, data "
    "tracks and attachments are dropped with one warning line. Odd frame sizes lose their last pixel "
    "column/row.";

sb::sdk::ConverterInfo converter_info() noexcept {
    sb::sdk::ConverterInfo info;
    info.name = "mp4";
    info.summary = "Convert videos to MP4 (H.264/H.265/VP9 + AAC/MP3)";
    info.description = kDescription;
    info.input_extensions = kInputExtensions;
    info.output_extension = ".mp4";
    info.options = option_table().data();
    info.option_count = static_cast<std::uint32_t>(option_table().size());
    return info;
}

} // namespace
} // namespace sb::mp4

namespace {
const sb_converter_desc kMp4Converter = sb::sdk::describe<sb::mp4::Mp4Converter>(sb::mp4::converter_info());
} // namespace

SB_PLUGIN("org.sb.mov_to_mp4", "0.1.0", &kMp4Converter)
