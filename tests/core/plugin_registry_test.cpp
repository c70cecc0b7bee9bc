// PluginRegistry against the real fixture libraries: what it loads, what it
// refuses and why (one line, naming the file; both versions for ABI refusals).
#include "core_test_util.hpp"

#include <sb/core/plugin_registry.hpp>
#include <sb/core/plugin_validation.hpp>

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <string>

namespace {

namespace fs = std::filesystem;
using sb::core::abi_version_text;
using sb::core::PluginRegistry;
using sb::test::fixture_dir;
using sb::test::fixture_library;

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

std::string host_abi() { return abi_version_text(SB_ABI_VERSION_MAJOR, SB_ABI_VERSION_MINOR); }

// The one refusal a registry recorded, checked to be a single line about `file`.
const sb::core::RejectedPlugin &only_rejection(const PluginRegistry &registry, const fs::path &file) {
    EXPECT_EQ(registry.rejected().size(), 1u);
    static const sb::core::RejectedPlugin none{};
    if (registry.rejected().empty()) return none;
    const auto &r = registry.rejected().front();
    EXPECT_EQ(r.library, file);
    EXPECT_FALSE(r.reason.empty());
    EXPECT_EQ(r.reason.find('\n'), std::string::npos) << r.reason;
    return r;
}

// A private copy of a fixture library in a folder the test controls (0755).
fs::path copy_fixture(const std::string &name, const fs::path &folder) {
    fs::create_directories(folder);
    fs::permissions(folder, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                                fs::perms::others_exec);
    const auto target = folder / fixture_library(name).filename();
    fs::copy_file(fixture_library(name), target, fs::copy_options::overwrite_existing);
    return target;
}

TEST(Registry, FindsAndLoadsTheGoodFixture) {
    PluginRegistry registry;
    registry.load_folders({fixture_dir("copy")});
    ASSERT_EQ(registry.converters().size(), 1u);
    EXPECT_TRUE(registry.rejected().empty());
    const auto &c = registry.converters().front();
    EXPECT_STREQ(c.desc->name, "fixture-copy");
    EXPECT_EQ(c.library, fixture_library("copy"));
    EXPECT_EQ(c.plugin_id, "org.sb.test.fixture_copy");
    EXPECT_EQ(c.plugin_version, "1.2.3");
    EXPECT_EQ(c.abi_major, SB_ABI_VERSION_MAJOR);
    EXPECT_EQ(c.abi_minor, SB_ABI_VERSION_MINOR);
    EXPECT_EQ(registry.find("fixture-copy"), &c);
    EXPECT_EQ(registry.find("mp4"), nullptr);
}

TEST(Registry, LoadsAPluginWrittenInPlainC) {
    PluginRegistry registry;
    registry.load_folders({fixture_dir("c")});
    ASSERT_EQ(registry.converters().size(), 1u);
    EXPECT_STREQ(registry.converters().front().desc->name, "fixture-c");
}

TEST(Registry, LoadsEveryFolderInOrder) {
    PluginRegistry registry;
    registry.load_folders({fixture_dir("copy"), fixture_dir("slow"), fixture_dir("throws")});
    ASSERT_EQ(registry.converters().size(), 3u);
    EXPECT_STREQ(registry.converters()[0].desc->name, "fixture-copy");
    EXPECT_STREQ(registry.converters()[1].desc->name, "fixture-slow");
    EXPECT_STREQ(registry.converters()[2].desc->name, "fixture-throws");
}

TEST(Registry, RejectsWrongAbiMajorNamingBothVersions) {
    PluginRegistry registry;
    registry.load_folders({fixture_dir("wrong_major")});
    EXPECT_TRUE(registry.converters().empty());
    const auto &r = only_rejection(registry, fixture_library("wrong_major"));
    EXPECT_TRUE(contains(r.reason, abi_version_text(SB_ABI_VERSION_MAJOR + 1, 0))) << r.reason;
    EXPECT_TRUE(contains(r.reason, host_abi())) << r.reason;
}

TEST(Registry, RejectsNewerMinorNamingBothVersions) {
    PluginRegistry registry;
    registry.load_folders({fixture_dir("newer_minor")});
    EXPECT_TRUE(registry.converters().empty());
    const auto &r = only_rejection(registry, fixture_library("newer_minor"));
    EXPECT_TRUE(contains(r.reason, abi_version_text(SB_ABI_VERSION_MAJOR, SB_ABI_VERSION_MINOR + 1))) << r.reason;
    EXPECT_TRUE(contains(r.reason, host_abi())) << r.reason;
}

TEST(Registry, RejectsLibraryWithoutEntrySymbol) {
    PluginRegistry registry;
    registry.load_folders({fixture_dir("no_entry")});
    EXPECT_TRUE(registry.converters().empty());
    const auto &r = only_rejection(registry, fixture_library("no_entry"));
    EXPECT_TRUE(contains(r.reason, SB_PLUGIN_ENTRY_SYMBOL)) << r.reason;
}

TEST(Registry, RejectsOptionThatClashesWithAHostOption) {
    PluginRegistry registry;
    registry.load_folders({fixture_dir("bad_option")});
    EXPECT_TRUE(registry.converters().empty());
    const auto &r = only_rejection(registry, fixture_library("bad_option"));
    EXPECT_TRUE(contains(r.reason, "--workers")) << r.reason;
}

TEST(Registry, DuplicateSubCommandFirstFoundWins) {
    {
        PluginRegistry registry;
        registry.load_folders({fixture_dir("copy"), fixture_dir("duplicate")});
        ASSERT_EQ(registry.converters().size(), 1u);
        EXPECT_EQ(registry.find("fixture-copy")->library, fixture_library("copy"));
        const auto &r = only_rejection(registry, fixture_library("duplicate"));
        EXPECT_TRUE(contains(r.reason, "fixture-copy")) << r.reason;
        EXPECT_TRUE(contains(r.reason, fixture_library("copy").string())) << "names the winner: " << r.reason;
    }
    {
        PluginRegistry registry;
        registry.load_folders({fixture_dir("duplicate"), fixture_dir("copy")});
        ASSERT_EQ(registry.converters().size(), 1u);
        EXPECT_EQ(registry.find("fixture-copy")->library, fixture_library("duplicate"));
        only_rejection(registry, fixture_library("copy"));
    }
}

TEST(Registry, RejectsWorldWritablePluginFile) {
    sb::test::TempDir tmp;
    const auto lib = copy_fixture("copy", tmp.path() / "plugins");
    fs::permissions(lib, fs::perms::others_write, fs::perm_options::add);
    PluginRegistry registry;
    registry.load_folders({lib.parent_path()});
    EXPECT_TRUE(registry.converters().empty());
    const auto &r = only_rejection(registry, lib);
    EXPECT_TRUE(contains(r.reason, "writable by other users")) << r.reason;
    EXPECT_TRUE(contains(r.reason, lib.string())) << r.reason;
}

TEST(Registry, RejectsPluginInWorldWritableFolder) {
    sb::test::TempDir tmp;
    const auto lib = copy_fixture("copy", tmp.path() / "plugins");
    fs::permissions(lib.parent_path(), fs::perms::others_write, fs::perm_options::add);
    PluginRegistry registry;
    registry.load_folders({lib.parent_path()});
    EXPECT_TRUE(registry.converters().empty());
    const auto &r = only_rejection(registry, lib);
    EXPECT_TRUE(contains(r.reason, "writable by other users")) << r.reason;
    EXPECT_TRUE(contains(r.reason, lib.parent_path().string())) << r.reason;
}

TEST(Registry, RejectsSymlinkToPluginInWorldWritableFolder) {
    // The folder that holds the code counts, not only the folder of the link.
    sb::test::TempDir tmp;
    const auto lib = copy_fixture("copy", tmp.path() / "planted");
    fs::permissions(lib.parent_path(), fs::perms::others_write, fs::perm_options::add);
    const auto trusted = tmp.path() / "plugins";
    copy_fixture("c", trusted);
    fs::create_symlink(lib, trusted / "linked.so");
    PluginRegistry registry;
    registry.load_folders({trusted});
    ASSERT_EQ(registry.converters().size(), 1u) << "only the C fixture may load";
    EXPECT_STREQ(registry.converters().front().desc->name, "fixture-c");
    const auto &r = only_rejection(registry, trusted / "linked.so");
    EXPECT_TRUE(contains(r.reason, "writable by other users")) << r.reason;
}

TEST(Registry, RejectsPluginOwnedByAnotherUser) {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root to give a file to another user";
    sb::test::TempDir tmp;
    const auto lib = copy_fixture("copy", tmp.path() / "plugins");
    ASSERT_EQ(::chown(lib.c_str(), 65534, 65534), 0);
    PluginRegistry registry;
    registry.load_folders({lib.parent_path()});
    EXPECT_TRUE(registry.converters().empty());
    const auto &r = only_rejection(registry, lib);
    EXPECT_TRUE(contains(r.reason, "another user")) << r.reason;
}

TEST(Registry, BrokenFilesDoNotHideTheOtherPlugins) {
    sb::test::TempDir tmp;
    const auto folder = tmp.path() / "plugins";
    const auto good = copy_fixture("copy", folder);
    // Several broken entries, so whatever order the folder lists them in, some
    // come after the good library.
    for (int i = 0; i < 8; ++i) fs::create_symlink(tmp.path() / "nowhere", folder / ("dangling" + std::to_string(i) + ".so"));
    sb::test::write_file(folder / "garbage.so", "not a shared library");
    sb::test::write_file(folder / "README.txt", "not a plugin, not even named like one");
    PluginRegistry registry;
    registry.load_folders({folder});
    ASSERT_EQ(registry.converters().size(), 1u) << (registry.rejected().empty() ? "" : registry.rejected().front().reason);
    EXPECT_EQ(registry.converters().front().library, good);
    bool garbage_named = false;
    for (const auto &r : registry.rejected()) {
        EXPECT_NE(r.library, folder) << "a bad file must not be reported as an unreadable folder: " << r.reason;
        EXPECT_NE(r.library.filename(), "README.txt");
        EXPECT_EQ(r.reason.find('\n'), std::string::npos);
        if (r.library == folder / "garbage.so") {
            garbage_named = true;
            EXPECT_EQ(r.reason, "cannot load: file too short") << "the loader's own reason, nothing stale after it";
        }
    }
    EXPECT_TRUE(garbage_named) << "a .so that is not a library is refused by name";
}

TEST(Registry, MissingFolderIsIgnored) {
    PluginRegistry registry;
    registry.load_folders({"/nonexistent/sb/plugins", fixture_dir("copy")});
    EXPECT_EQ(registry.converters().size(), 1u);
    EXPECT_TRUE(registry.rejected().empty());
}

TEST(Registry, EveryRefusalIsOneLineAboutItsFile) {
    PluginRegistry registry;
    registry.load_folders({fixture_dir("copy"), fixture_dir("wrong_major"), fixture_dir("newer_minor"), fixture_dir("bad_option"),
                           fixture_dir("duplicate"), fixture_dir("no_entry")});
    EXPECT_EQ(registry.converters().size(), 1u);
    ASSERT_EQ(registry.rejected().size(), 5u);
    for (const auto &r : registry.rejected()) {
        EXPECT_EQ(r.reason.find('\n'), std::string::npos) << r.reason;
        EXPECT_EQ(r.library.extension(), ".so") << r.library;
        EXPECT_TRUE(fs::exists(r.library)) << r.library;
    }
}

} // namespace
