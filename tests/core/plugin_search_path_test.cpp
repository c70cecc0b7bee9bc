// plugin_search_path: SB_PLUGIN_PATH's absolute folders first, relative ones
// ignored with a warning, then the build tree and the installed prefix; never
// the current directory.
#include <sb/core/plugin_search_path.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using sb::core::plugin_search_path;

TEST(SearchPath, BuildTreeThenInstalledPrefixWithoutEnvironment) {
    const auto search = plugin_search_path(nullptr, "/opt/sb/bin");
    EXPECT_EQ(search.folders, (std::vector<fs::path>{"/opt/sb/bin/plugins", "/opt/sb/lib/sb/plugins"}));
    EXPECT_TRUE(search.warnings.empty());
}

TEST(SearchPath, AbsoluteEnvironmentFoldersComeFirstInOrder) {
    const auto search = plugin_search_path("/b/plugins:/a/plugins", "/opt/sb/bin");
    EXPECT_EQ(search.folders,
              (std::vector<fs::path>{"/b/plugins", "/a/plugins", "/opt/sb/bin/plugins", "/opt/sb/lib/sb/plugins"}));
}

TEST(SearchPath, RelativeEntriesAreIgnoredWithAWarning) {
    const auto search = plugin_search_path("rel/plugins:/abs/plugins:./here:.", "/opt/sb/bin");
    EXPECT_EQ(search.folders, (std::vector<fs::path>{"/abs/plugins", "/opt/sb/bin/plugins", "/opt/sb/lib/sb/plugins"}));
    ASSERT_EQ(search.warnings.size(), 3u);
    EXPECT_NE(search.warnings[0].find("rel/plugins"), std::string::npos) << search.warnings[0];
    EXPECT_NE(search.warnings[1].find("./here"), std::string::npos) << search.warnings[1];
}

TEST(SearchPath, EmptyEntriesDoNotMeanTheCurrentDirectory) {
    const auto search = plugin_search_path(":/abs/plugins::", "/opt/sb/bin");
    EXPECT_EQ(search.folders, (std::vector<fs::path>{"/abs/plugins", "/opt/sb/bin/plugins", "/opt/sb/lib/sb/plugins"}));
}

TEST(SearchPath, NeverTheCurrentDirectoryEvenWithoutAnExecutableFolder) {
    // When the executable's folder is unknown (empty) or relative, the folders
    // derived from it would be relative to the current directory.
    for (const fs::path &exe_dir : {fs::path(), fs::path("bin")}) {
        const auto search = plugin_search_path("/abs/plugins", exe_dir);
        ASSERT_FALSE(search.folders.empty());
        EXPECT_EQ(search.folders.front(), "/abs/plugins");
        for (const auto &f : search.folders) EXPECT_TRUE(f.is_absolute()) << "relative plugin folder " << f << " from '" << exe_dir << "'";
        EXPECT_FALSE(search.warnings.empty()) << "dropping the executable's folders deserves a warning";
    }
}

TEST(SearchPath, DuplicatesAreSearchedOnce) {
    // The same folder spelled differently would load every plugin in it twice
    // (and refuse each the second time as a duplicate of itself).
    const auto search = plugin_search_path("/opt/sb/bin/plugins:/x/:/x:/y/../x", "/opt/sb/bin");
    EXPECT_EQ(search.folders, (std::vector<fs::path>{"/opt/sb/bin/plugins", "/x", "/opt/sb/lib/sb/plugins"}));
}

} // namespace
