// OptionBridge through a real CLI::App parse: bad values are a ParseError
// naming the flag and what it accepts; defaults versus explicitly set values.
#include <sb/core/option_bridge.hpp>

#include <sb/converter.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace sb::core;

constexpr const char *kCodecs[] = {"h264", "h265", "vp9", nullptr};
constexpr sb_option_desc kOptions[] = {
    sb::sdk::int_option("quality", "q", "Constant rate factor", "23", 0, 51, "CRF"),
    sb::sdk::choice_option("codec", "c", "Video codec", "h264", kCodecs),
    sb::sdk::bitrate_option("audio-bitrate", nullptr, "Audio bitrate", "192k", 8000, 1e6),
    sb::sdk::bitrate_option("bitrate", "b", "Video bitrate", nullptr, 1000, 1e9),
    sb::sdk::float_option("ratio", nullptr, "A ratio", "0.5", 0, 1),
    sb::sdk::flag_option("strip", nullptr, "Strip metadata"),
};

sb_converter_desc descriptor() {
    sb_converter_desc d{};
    d.struct_size = sizeof d;
    d.name = "thing";
    d.options = kOptions;
    d.option_count = sizeof kOptions / sizeof kOptions[0];
    return d;
}

class Bridge : public ::testing::Test {
protected:
    // Parses `args` (without the program name) as a user would type them.
    void parse(std::vector<std::string> args) {
        args.insert(args.begin(), "sb-thing");
        std::vector<const char *> argv;
        for (const auto &a : args) argv.push_back(a.c_str());
        app_.parse(static_cast<int>(argv.size()), argv.data());
    }
    // The message of the ParseError that parsing `args` raises ("" if none).
    std::string parse_error(std::vector<std::string> args) {
        try {
            parse(std::move(args));
        } catch (const CLI::ParseError &e) {
            return e.what();
        }
        return {};
    }

    sb_converter_desc desc_ = descriptor();
    CLI::App app_{"test", "sb-thing"};
    OptionBridge bridge_{app_, desc_};
};

TEST_F(Bridge, OutOfRangeValueIsAParseErrorNamingTheFlagAndTheRange) {
    const auto message = parse_error({"--quality", "99"});
    ASSERT_FALSE(message.empty()) << "--quality 99 was accepted";
    EXPECT_NE(message.find("--quality"), std::string::npos) << message;
    EXPECT_NE(message.find("0..51"), std::string::npos) << message;
}

TEST_F(Bridge, ShortNameErrorStillNamesTheLongFlag) {
    const auto message = parse_error({"-q", "52"});
    ASSERT_FALSE(message.empty());
    EXPECT_NE(message.find("--quality"), std::string::npos) << message;
}

TEST_F(Bridge, UnknownChoiceIsAParseErrorListingTheChoices) {
    const auto message = parse_error({"--codec", "h266"});
    ASSERT_FALSE(message.empty()) << "--codec h266 was accepted";
    EXPECT_NE(message.find("--codec"), std::string::npos) << message;
    EXPECT_NE(message.find("h264, h265, vp9"), std::string::npos) << message;
}

TEST_F(Bridge, JunkOrOutOfRangeBitrateIsAParseError) {
    auto message = parse_error({"--audio-bitrate", "loud"});
    EXPECT_NE(message.find("--audio-bitrate"), std::string::npos) << message;
    EXPECT_NE(message.find("8k..1M"), std::string::npos) << message;
    message = parse_error({"--audio-bitrate", "2M"});
    EXPECT_NE(message.find("--audio-bitrate"), std::string::npos) << message;
    EXPECT_NE(message.find("8k..1M"), std::string::npos) << message;
}

TEST_F(Bridge, DefaultsApplyWhenNothingIsGiven) {
    parse({});
    const auto values = bridge_.values();
    EXPECT_EQ(values.get_int("quality"), 23);
    EXPECT_STREQ(values.get_string("codec"), "h264");
    EXPECT_EQ(values.get_int("audio-bitrate"), 192000);
    EXPECT_EQ(values.get_string("bitrate"), nullptr) << "no default: stays unset";
    EXPECT_EQ(values.get_int("strip"), 0);
    for (const char *name : {"quality", "codec", "audio-bitrate", "bitrate", "ratio", "strip"}) EXPECT_FALSE(values.is_set(name)) << name;
}

TEST_F(Bridge, GivenValuesAreParsedAndMarkedSet) {
    parse({"-q", "18", "--codec=vp9", "-b", "2.5M", "--strip"});
    const auto values = bridge_.values();
    EXPECT_EQ(values.get_int("quality"), 18);
    EXPECT_TRUE(values.is_set("quality"));
    EXPECT_STREQ(values.get_string("codec"), "vp9");
    EXPECT_TRUE(values.is_set("codec"));
    EXPECT_EQ(values.get_int("bitrate"), 2500000);
    EXPECT_TRUE(values.is_set("bitrate"));
    EXPECT_EQ(values.get_int("strip"), 1);
    EXPECT_TRUE(values.is_set("strip"));
    EXPECT_FALSE(values.is_set("audio-bitrate"));
    EXPECT_EQ(values.get_int("audio-bitrate"), 192000);
}

TEST_F(Bridge, HelpShowsRangeDefaultAndChoices) {
    const auto help = app_.help();
    EXPECT_NE(help.find("--quality"), std::string::npos) << help;
    EXPECT_NE(help.find("0..51"), std::string::npos) << help;
    EXPECT_NE(help.find("default 23"), std::string::npos) << help;
    EXPECT_NE(help.find("h264, h265, vp9"), std::string::npos) << help;
    EXPECT_NE(help.find("8k..1M"), std::string::npos) << help;
}

} // namespace
