#include <sb/core/plugin_search_path.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace sb::core {

namespace fs = std::filesystem;

PluginSearchPath plugin_search_path(const char *sb_plugin_path_env, const fs::path &executable_dir) {
    PluginSearchPath result;
    auto add = [&](fs::path p) {
        p = p.lexically_normal();
        if (!p.has_filename() && p.has_relative_path()) p = p.parent_path(); // "/x/" is "/x"
        if (std::find(result.folders.begin(), result.folders.end(), p) == result.folders.end())
            result.folders.push_back(std::move(p));
    };
    if (sb_plugin_path_env) {
        std::string_view rest = sb_plugin_path_env;
        while (!rest.empty()) {
            const auto colon = rest.find(':');
            const auto item = rest.substr(0, colon);
            rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
            if (item.empty()) continue;
            fs::path p{std::string(item)};
            if (!p.is_absolute()) {
                result.warnings.push_back(fmt::format("SB_PLUGIN_PATH entry '{}' ignored: plugin folders must be absolute paths", item));
                continue;
            }
            add(p);
        }
    }
    // Folders derived from an unknown or relative executable folder would be
    // relative to the current directory, where anybody may have put a library.
    if (!executable_dir.is_absolute()) {
        result.warnings.push_back(fmt::format("the folder of sb is unknown ('{}'); only SB_PLUGIN_PATH is searched for plugins",
                                              executable_dir.string()));
        return result;
    }
    add(executable_dir / "plugins");
    add(executable_dir / ".." / "lib" / "sb" / "plugins");
    return result;
}

} // namespace sb::core
