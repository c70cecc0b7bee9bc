// What the plugin tells the host about itself.
#include "plugin_under_test.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace sb::test {
namespace {

const sb_option_desc *find_option(const sb_converter_desc &desc, const std::string &name) {
    for (uint32_t i = 0; i < desc.option_count; ++i)
        if (name == desc.options[i].name) return &desc.options[i];
    return nullptr;
}

std::set<std::string> choices(const sb_option_desc &o) {
    std::set<std::string> out;
    for (const char *const *c = o.choices; c != nullptr && *c != nullptr; ++c) out.insert(*c);
    return out;
}

TEST(Mp4Descriptor, EntryMatchesHostAbiAndNamesThePlugin) {
    const sb_plugin_entry_t *entry = mp4_plugin_entry();
    ASSERT_NE(entry, nullptr);
    EXPECT_EQ(entry->abi_major, SB_ABI_VERSION_MAJOR);
    EXPECT_LE(entry->abi_minor, SB_ABI_VERSION_MINOR);
    EXPECT_EQ(entry->struct_size, sizeof(sb_plugin_entry_t));
    const sb_plugin_desc *plugin = mp4_plugin();
    ASSERT_NE(plugin, nullptr);
    EXPECT_STREQ(plugin->id, "org.sb.mov_to_mp4");
    EXPECT_STREQ(plugin->version, "0.1.0");
    ASSERT_EQ(plugin->converter_count, 1u);
}

TEST(Mp4Descriptor, DescribesTheMp4SubcommandAndItsFileTypes) {
    MP4_CONVERTER(mp4);
    EXPECT_EQ(mp4.struct_size, sizeof(sb_converter_desc));
    EXPECT_STREQ(mp4.summary, "Convert videos to MP4 (H.264/H.265/VP9 + AAC/MP3)");
    EXPECT_STREQ(mp4.output_extension, ".mp4");
    std::set<std::string> extensions;
    for (const char *const *e = mp4.input_extensions; *e != nullptr; ++e) extensions.insert(*e);
    EXPECT_EQ(extensions, (std::set<std::string>{".mov", ".avi", ".mkv", ".flv", ".wmv", ".m4v", ".mpeg", ".mpg",
                                                  ".webm", ".mp4", ".3gp", ".mts", ".m2ts", ".ts"}));
    EXPECT_NE(mp4.convert, nullptr);
    EXPECT_NE(mp4.probe, nullptr);
    EXPECT_NE(mp4.plan, nullptr);
}

TEST(Mp4Descriptor, OptionsCarryTypesDefaultsRangesAndChoices) {
    MP4_CONVERTER(mp4);
    ASSERT_EQ(mp4.option_count, 11u);
    for (uint32_t i = 0; i < mp4.option_count; ++i) EXPECT_EQ(mp4.options[i].struct_size, sizeof(sb_option_desc));

    const sb_option_desc *q = find_option(mp4, "quality");
    ASSERT_NE(q, nullptr);
    EXPECT_STREQ(q->short_name, "q");
    EXPECT_EQ(q->type, SB_OPTION_INT);
    EXPECT_STREQ(q->default_value, "23");
    EXPECT_STREQ(q->value_name, "CRF");
    EXPECT_TRUE(q->flags & SB_OPTION_HAS_RANGE);
    EXPECT_EQ(q->min_value, 0);
    EXPECT_EQ(q->max_value, 51);

    const sb_option_desc *p = find_option(mp4, "preset");
    ASSERT_NE(p, nullptr);
    EXPECT_STREQ(p->short_name, "p");
    EXPECT_EQ(p->type, SB_OPTION_CHOICE);
    EXPECT_STREQ(p->default_value, "medium");
    EXPECT_EQ(choices(*p), (std::set<std::string>{"ultrafast", "superfast", "veryfast", "faster", "fast", "medium",
                                                   "slow", "slower", "veryslow"}));

    const sb_option_desc *c = find_option(mp4, "codec");
    ASSERT_NE(c, nullptr);
    EXPECT_STREQ(c->short_name, "c");
    EXPECT_STREQ(c->default_value, "h264");
    EXPECT_EQ(choices(*c), (std::set<std::string>{"h264", "h265", "vp9"}));

    const sb_option_desc *a = find_option(mp4, "audio");
    ASSERT_NE(a, nullptr);
    EXPECT_STREQ(a->default_value, "aac");
    EXPECT_EQ(choices(*a), (std::set<std::string>{"aac", "mp3", "copy"}));

    const sb_option_desc *ab = find_option(mp4, "audio-bitrate");
    ASSERT_NE(ab, nullptr);
    EXPECT_EQ(ab->type, SB_OPTION_BITRATE);
    EXPECT_STREQ(ab->default_value, "192k");
    EXPECT_EQ(ab->min_value, 8000);
    EXPECT_EQ(ab->max_value, 1000000);

    const sb_option_desc *b = find_option(mp4, "bitrate");
    ASSERT_NE(b, nullptr);
    EXPECT_STREQ(b->short_name, "b");
    EXPECT_EQ(b->type, SB_OPTION_BITRATE);
    EXPECT_EQ(b->default_value, nullptr);
    EXPECT_EQ(b->min_value, 10000);
    EXPECT_EQ(b->max_value, 1e9);

    const sb_option_desc *hw = find_option(mp4, "hw");
    ASSERT_NE(hw, nullptr);
    EXPECT_STREQ(hw->default_value, "none");
    EXPECT_EQ(choices(*hw), (std::set<std::string>{"none", "auto", "nvenc", "qsv", "vaapi"}));

    const sb_option_desc *mode = find_option(mp4, "mode");
    ASSERT_NE(mode, nullptr);
    EXPECT_EQ(mode->type, SB_OPTION_CHOICE);
    EXPECT_EQ(mode->short_name, nullptr);
    EXPECT_STREQ(mode->default_value, "auto");
    EXPECT_EQ(choices(*mode), (std::set<std::string>{"auto", "transcode", "copy"}));

    const sb_option_desc *pix = find_option(mp4, "pix-fmt");
    ASSERT_NE(pix, nullptr);
    EXPECT_EQ(pix->type, SB_OPTION_CHOICE);
    EXPECT_EQ(pix->default_value, nullptr); // unset: 8-bit 4:2:0 (nv12 for qsv/vaapi)
    EXPECT_EQ(choices(*pix), (std::set<std::string>{"yuv420p", "yuv422p", "yuv444p", "yuv420p10le", "yuv422p10le",
                                                     "yuv444p10le"}));

    const sb_option_desc *location = find_option(mp4, "strip-location");
    ASSERT_NE(location, nullptr);
    EXPECT_EQ(location->type, SB_OPTION_FLAG);

    const sb_option_desc *strip = find_option(mp4, "strip-metadata");
    ASSERT_NE(strip, nullptr);
    EXPECT_EQ(strip->type, SB_OPTION_FLAG);
    EXPECT_EQ(strip->default_value, nullptr);
    EXPECT_NE(std::string(strip->help).find("GPS"), std::string::npos);
}

TEST(Mp4Descriptor, EveryOptionHasHelpAndAValidName) {
    MP4_CONVERTER(mp4);
    for (uint32_t i = 0; i < mp4.option_count; ++i) {
        const sb_option_desc &o = mp4.options[i];
        SCOPED_TRACE(o.name);
        ASSERT_NE(o.help, nullptr);
        EXPECT_GT(std::string(o.help).size(), 10u);
        for (const char *c = o.name; *c != '\0'; ++c) {
            EXPECT_TRUE((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-') << o.name;
        }
        if (o.type == SB_OPTION_CHOICE && o.default_value != nullptr) {
            EXPECT_EQ(choices(o).count(o.default_value), 1u) << "default not among the choices";
        }
    }
}

} // namespace
} // namespace sb::test
