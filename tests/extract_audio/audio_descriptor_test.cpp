// What `sb audio` declares to the host: the sub-command, its options as data,
// and --format as the output extension (ABI 1.1).
#include "audio_test_util.hpp"

#include <cstring>
#include <string>
#include <vector>

namespace sb::test {
namespace {

std::vector<std::string> choices_of(const sb_option_desc &o) {
    std::vector<std::string> out;
    for (auto c = o.choices; c != nullptr && *c != nullptr; ++c) out.emplace_back(*c);
    return out;
}

TEST(AudioDescriptor, IsTheAudioSubcommandWithFormatAsTheOutputExtension) {
    const sb_converter_desc *desc = audio_converter();
    ASSERT_NE(desc, nullptr);
    EXPECT_STREQ(desc->name, "audio");
    EXPECT_STREQ(desc->output_extension, ".m4a");
    int marked = 0;
    for (uint32_t i = 0; i < desc->option_count; ++i) marked += (desc->options[i].flags & SB_OPTION_OUTPUT_EXTENSION) != 0;
    EXPECT_EQ(marked, 1) << "exactly one option names the output extension";

    const sb_option_desc *format = audio_option("format");
    ASSERT_NE(format, nullptr);
    EXPECT_EQ(format->type, SB_OPTION_CHOICE);
    EXPECT_NE(format->flags & SB_OPTION_OUTPUT_EXTENSION, 0u);
    EXPECT_EQ(choices_of(*format), (std::vector<std::string>{"m4a", "mp3", "opus", "flac", "wav"}));
    ASSERT_NE(format->default_value, nullptr);
    EXPECT_EQ("." + std::string(format->default_value), desc->output_extension)
        << "output_extension names the extension of --format's default";
}

TEST(AudioDescriptor, DeclaresBitrateStreamAndCopyWithTheirLimits) {
    const sb_option_desc *bitrate = audio_option("audio-bitrate");
    ASSERT_NE(bitrate, nullptr);
    EXPECT_EQ(bitrate->type, SB_OPTION_BITRATE);
    EXPECT_STREQ(bitrate->default_value, "192k");
    EXPECT_NE(bitrate->flags & SB_OPTION_HAS_RANGE, 0u);
    EXPECT_EQ(bitrate->min_value, 8000);
    EXPECT_EQ(bitrate->max_value, 1000000);

    const sb_option_desc *stream = audio_option("stream");
    ASSERT_NE(stream, nullptr);
    EXPECT_EQ(stream->type, SB_OPTION_INT);
    EXPECT_EQ(stream->default_value, nullptr) << "unset by default: the plugin picks the default-marked stream";
    EXPECT_EQ(stream->min_value, 0);

    const sb_option_desc *copy = audio_option("copy");
    ASSERT_NE(copy, nullptr);
    EXPECT_EQ(copy->type, SB_OPTION_FLAG);
    EXPECT_EQ(audio_converter()->option_count, 4u);
}

} // namespace
} // namespace sb::test
