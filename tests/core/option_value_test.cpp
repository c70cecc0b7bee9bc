// option_value / option_values: parsing one value against its descriptor
// (bitrates, ranges, choices) and defaults versus explicitly given values.
#include <sb/core/option_value.hpp>
#include <sb/core/option_values.hpp>

#include <sb/converter.hpp>

#include <gtest/gtest.h>

#include <string>
#include <variant>

namespace {

using namespace sb::core;

constexpr const char *kCodecs[] = {"h264", "h265", "vp9", nullptr};
constexpr sb_option_desc kQuality = sb::sdk::int_option("quality", "q", "CRF", "23", 0, 51);
constexpr sb_option_desc kCodec = sb::sdk::choice_option("codec", "c", "Codec", "h264", kCodecs);
constexpr sb_option_desc kAudioRate = sb::sdk::bitrate_option("audio-bitrate", nullptr, "Audio rate", "192k", 8000, 1e6);
constexpr sb_option_desc kRatio = sb::sdk::float_option("ratio", nullptr, "Ratio", "0.5", 0.0, 1.0);
constexpr sb_option_desc kStrip = sb::sdk::flag_option("strip", nullptr, "Strip");
constexpr sb_option_desc kTitle = sb::sdk::string_option("title", nullptr, "Title", nullptr);

std::string error_of(const sb_option_desc &desc, const std::string &text) {
    const auto parsed = parse_option_value(desc, text);
    const auto *err = std::get_if<std::string>(&parsed);
    return err ? *err : std::string();
}

const OptionValue &value_of(const std::variant<OptionValue, std::string> &parsed) {
    static const OptionValue none{};
    const auto *v = std::get_if<OptionValue>(&parsed);
    EXPECT_NE(v, nullptr) << std::get<std::string>(parsed);
    return v ? *v : none;
}

TEST(Option, BitrateAcceptsPlainNumbersAndSiSuffixes) {
    EXPECT_EQ(parse_bitrate("192000"), 192000);
    EXPECT_EQ(parse_bitrate("192k"), 192000);
    EXPECT_EQ(parse_bitrate("128K"), 128000);
    EXPECT_EQ(parse_bitrate("2M"), 2000000);
    EXPECT_EQ(parse_bitrate("2m"), 2000000);
    EXPECT_EQ(parse_bitrate("2.5M"), 2500000);
    EXPECT_EQ(parse_bitrate("1G"), 1000000000);
    EXPECT_EQ(parse_bitrate("0.5k"), 500);
}

TEST(Option, BitrateRejectsJunk) {
    for (const char *junk : {"", "k", "M", "abc", "12x", "2MM", "M2", "-5k", "-1", "1.2.3M", "2 M", " 2M", "0x10", "0x1p4k", "nan",
                             "inf", "infk", "1e999", "+"})
        EXPECT_EQ(parse_bitrate(junk), std::nullopt) << "'" << junk << "'";
}

TEST(Option, IntRangeIsInclusiveAndNamedInTheReason) {
    EXPECT_EQ(value_of(parse_option_value(kQuality, "0")).integer, 0);
    EXPECT_EQ(value_of(parse_option_value(kQuality, "51")).integer, 51);
    EXPECT_EQ(error_of(kQuality, "52"), "52 is out of range 0..51");
    EXPECT_EQ(error_of(kQuality, "-1"), "-1 is out of range 0..51");
    EXPECT_NE(error_of(kQuality, "23.5"), "");
    EXPECT_NE(error_of(kQuality, "twenty"), "");
    EXPECT_NE(error_of(kQuality, ""), "");
}

TEST(Option, BitrateRangeUsesSuffixesInTheReason) {
    EXPECT_EQ(range_text(kAudioRate), "8k..1M");
    EXPECT_EQ(value_of(parse_option_value(kAudioRate, "128k")).integer, 128000);
    EXPECT_EQ(value_of(parse_option_value(kAudioRate, "1M")).integer, 1000000); // inclusive
    EXPECT_EQ(error_of(kAudioRate, "2M"), "2M is out of range 8k..1M");
    EXPECT_EQ(error_of(kAudioRate, "7999"), "7999 is out of range 8k..1M");
    EXPECT_NE(error_of(kAudioRate, "loud").find("not a bitrate"), std::string::npos);
}

TEST(Option, ChoiceMustMatchExactlyAndListsTheChoices) {
    EXPECT_EQ(value_of(parse_option_value(kCodec, "vp9")).text, "vp9");
    EXPECT_EQ(error_of(kCodec, "h266"), "'h266' is not one of: h264, h265, vp9");
    EXPECT_NE(error_of(kCodec, "H264"), "") << "choices are case-sensitive";
    EXPECT_EQ(choices_text(kCodec), "h264, h265, vp9");
}

TEST(Option, FloatRangeAndParsing) {
    EXPECT_DOUBLE_EQ(value_of(parse_option_value(kRatio, "0.25")).real, 0.25);
    EXPECT_EQ(error_of(kRatio, "1.5"), "1.5 is out of range 0..1");
    EXPECT_NE(error_of(kRatio, "half"), "");
    EXPECT_NE(error_of(kRatio, "nan"), "");
}

TEST(OptionValues, DefaultsAreFilledButNotExplicitlySet) {
    const sb_option_desc options[] = {kQuality, kCodec, kAudioRate, kStrip, kTitle};
    sb_converter_desc desc{};
    desc.struct_size = sizeof desc;
    desc.options = options;
    desc.option_count = 5;
    const OptionValues values(desc);
    EXPECT_EQ(values.get_int("quality"), 23);
    EXPECT_STREQ(values.get_string("codec"), "h264");
    EXPECT_EQ(values.get_int("audio-bitrate"), 192000);
    EXPECT_EQ(values.get_int("strip"), 0);
    EXPECT_EQ(values.get_string("title"), nullptr) << "no default: unset";
    for (const char *name : {"quality", "codec", "audio-bitrate", "strip", "title"}) EXPECT_FALSE(values.is_set(name)) << name;
    EXPECT_TRUE(values.explicit_values().empty());
}

TEST(OptionValues, ExplicitValueReplacesTheDefaultAndIsMarkedSet) {
    const sb_option_desc options[] = {kQuality, kCodec};
    sb_converter_desc desc{};
    desc.struct_size = sizeof desc;
    desc.options = options;
    desc.option_count = 2;
    OptionValues values(desc);
    values.set_explicit("quality", std::get<OptionValue>(parse_option_value(kQuality, "23"))); // same as the default
    EXPECT_TRUE(values.is_set("quality")) << "given by the user even if equal to the default";
    EXPECT_FALSE(values.is_set("codec"));
    EXPECT_EQ(values.explicit_values(), (std::vector<std::pair<std::string, std::string>>{{"quality", "23"}}));
}

} // namespace
