// plugin_validation: the version gate and descriptor checks on hand-made
// descriptors (no loading), including arrays stepped by the plugin's struct size.
#include <sb/core/plugin_validation.hpp>

#include <sb/converter.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace sb::core;

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

const sb_plugin_desc *no_plugin(const sb_host_info *) { return nullptr; }

sb_plugin_entry_t entry(std::uint32_t major, std::uint32_t minor) {
    return {major, minor, sizeof(sb_plugin_entry_t), &no_plugin};
}

sb_status no_convert(sb_job *, const sb_host_api *) { return SB_STATUS_OK; }

constexpr const char *kExtensions[] = {".in", nullptr};

sb_converter_desc converter(const char *name = "thing", const sb_option_desc *options = nullptr, std::uint32_t count = 0) {
    sb_converter_desc d{};
    d.struct_size = sizeof d;
    d.name = name;
    d.summary = "Does a thing";
    d.input_extensions = kExtensions;
    d.output_extension = ".out";
    d.options = options;
    d.option_count = count;
    d.convert = &no_convert;
    return d;
}

TEST(Validation, AcceptsTheHostAbi) {
    EXPECT_EQ(check_entry_version(entry(SB_ABI_VERSION_MAJOR, SB_ABI_VERSION_MINOR)), std::nullopt);
}

TEST(Validation, RejectsOtherMajorNamingBothVersions) {
    for (std::uint32_t major : {SB_ABI_VERSION_MAJOR + 1, SB_ABI_VERSION_MAJOR - 1}) {
        const auto err = check_entry_version(entry(major, 0));
        ASSERT_TRUE(err.has_value()) << major;
        EXPECT_TRUE(contains(*err, abi_version_text(major, 0))) << *err;
        EXPECT_TRUE(contains(*err, abi_version_text(SB_ABI_VERSION_MAJOR, SB_ABI_VERSION_MINOR))) << *err;
    }
}

TEST(Validation, RejectsNewerMinorNamingBothVersions) {
    const auto err = check_entry_version(entry(SB_ABI_VERSION_MAJOR, SB_ABI_VERSION_MINOR + 1));
    ASSERT_TRUE(err.has_value());
    EXPECT_TRUE(contains(*err, abi_version_text(SB_ABI_VERSION_MAJOR, SB_ABI_VERSION_MINOR + 1))) << *err;
    EXPECT_TRUE(contains(*err, abi_version_text(SB_ABI_VERSION_MAJOR, SB_ABI_VERSION_MINOR))) << *err;
}

TEST(Validation, RejectsTruncatedEntryOrMissingFunction) {
    auto small = entry(SB_ABI_VERSION_MAJOR, SB_ABI_VERSION_MINOR);
    small.struct_size = 8;
    EXPECT_TRUE(check_entry_version(small).has_value());
    auto no_function = entry(SB_ABI_VERSION_MAJOR, SB_ABI_VERSION_MINOR);
    no_function.get_plugin = nullptr;
    EXPECT_TRUE(check_entry_version(no_function).has_value());
}

TEST(Validation, RejectsPluginWithoutDescriptorOrConverters) {
    EXPECT_TRUE(check_plugin_desc(nullptr).has_value());
    const sb_plugin_desc empty = {sizeof(sb_plugin_desc), "org.example", "1", 0, nullptr};
    EXPECT_TRUE(check_plugin_desc(&empty).has_value());
    const sb_plugin_desc no_id = {sizeof(sb_plugin_desc), "", "1", 0, nullptr};
    EXPECT_TRUE(check_plugin_desc(&no_id).has_value());
}

TEST(Validation, AcceptsAWellFormedConverter) {
    constexpr const char *modes[] = {"a", "b", nullptr};
    const sb_option_desc options[] = {sb::sdk::int_option("quality", "q", "Quality", "23", 0, 51),
                                      sb::sdk::choice_option("mode", nullptr, "Mode", "a", modes),
                                      sb::sdk::bitrate_option("audio-bitrate", nullptr, "Rate", "192k", 8000, 1e6),
                                      sb::sdk::flag_option("strip", nullptr, "Strip")};
    const auto d = converter("thing", options, 4);
    EXPECT_EQ(check_converter_desc(&d), std::nullopt);
}

TEST(Validation, RejectsOptionsShadowingHostOptions) {
    const sb_option_desc long_clash[] = {sb::sdk::int_option("workers", nullptr, "Clash", "1", 1, 8)};
    auto d = converter("thing", long_clash, 1);
    auto err = check_converter_desc(&d);
    ASSERT_TRUE(err.has_value());
    EXPECT_TRUE(contains(*err, "--workers")) << *err;

    const sb_option_desc short_clash[] = {sb::sdk::flag_option("other", "o", "Clash with -o")};
    d = converter("thing", short_clash, 1);
    err = check_converter_desc(&d);
    ASSERT_TRUE(err.has_value());
    EXPECT_TRUE(contains(*err, "-o")) << *err;
}

TEST(Validation, RejectsDefaultOutsideItsOwnRange) {
    const sb_option_desc options[] = {sb::sdk::int_option("quality", "q", "Quality", "99", 0, 51)};
    const auto d = converter("thing", options, 1);
    const auto err = check_converter_desc(&d);
    ASSERT_TRUE(err.has_value());
    EXPECT_TRUE(contains(*err, "--quality")) << *err;
    EXPECT_TRUE(contains(*err, "0..51")) << *err;
}

TEST(Validation, RejectsChoiceOptionWithoutChoices) {
    const sb_option_desc options[] = {sb::sdk::choice_option("mode", nullptr, "Mode", nullptr, nullptr)};
    const auto d = converter("thing", options, 1);
    EXPECT_TRUE(check_converter_desc(&d).has_value());
}

TEST(Validation, RejectsOptionDeclaredTwice) {
    const sb_option_desc options[] = {sb::sdk::flag_option("strip", nullptr, "Strip"), sb::sdk::flag_option("strip", nullptr, "Again")};
    const auto d = converter("thing", options, 2);
    EXPECT_TRUE(check_converter_desc(&d).has_value());
}

TEST(Validation, RejectsBadConverterNamesAndExtensions) {
    for (const char *name : {"ls", "version", "help", "Mp4", "", "two words"}) {
        const auto d = converter(name);
        EXPECT_TRUE(check_converter_desc(&d).has_value()) << "'" << name << "'";
    }
    auto d = converter();
    d.output_extension = "mp4";
    EXPECT_TRUE(check_converter_desc(&d).has_value());
    constexpr const char *upper[] = {".MOV", nullptr};
    d = converter();
    d.input_extensions = upper;
    EXPECT_TRUE(check_converter_desc(&d).has_value());
    d = converter();
    d.convert = nullptr;
    EXPECT_TRUE(check_converter_desc(&d).has_value());
}

TEST(Validation, StepsOptionArraysByThePluginsStructSize) {
    // A plugin built against a later 1.x appends fields: the host must step by
    // its struct_size, so the second (clashing) option is really the second one.
    struct LaterOption {
        sb_option_desc desc;
        double appended_field;
    };
    LaterOption options[2] = {{sb::sdk::flag_option("fine", nullptr, "Fine"), 1.0},
                              {sb::sdk::flag_option("workers", nullptr, "Clash"), 2.0}};
    for (auto &o : options) o.desc.struct_size = sizeof(LaterOption);
    const auto d = converter("thing", &options[0].desc, 2);
    const auto err = check_converter_desc(&d);
    ASSERT_TRUE(err.has_value());
    EXPECT_TRUE(contains(*err, "--workers")) << *err;
}

TEST(Validation, RejectsOptionDescriptorSmallerThanAbi10) {
    sb_option_desc option = sb::sdk::flag_option("fine", nullptr, "Fine");
    option.struct_size = 8;
    const auto d = converter("thing", &option, 1);
    EXPECT_TRUE(check_converter_desc(&d).has_value());
}

} // namespace
