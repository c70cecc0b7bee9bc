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
    "Re-encodes every video stream (H.264, H.265 tagged hvc1, or VP9; 8-bit 4:2:0) and every audio stream "
    "(AAC or MP3, or copied) into an MP4 with the index at the front (faststart). Timestamps are kept, so "
    "variable frame rate stays variable; rotation stays as display-matrix metadata. Odd frame sizes lose "
    "their last pixel column/row. Subtitles, data tracks and cover art are dropped with a warning.";

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
