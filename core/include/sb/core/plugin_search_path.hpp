// Where sb looks for converter plugins, in order:
//   1. each folder of SB_PLUGIN_PATH (colon-separated; absolute paths only),
//   2. <folder of the sb executable>/plugins        (the build tree),
//   3. <folder of the sb executable>/../lib/sb/plugins (an installed prefix).
// Never the current directory: a relative entry is ignored with a warning.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sb::core {

struct PluginSearchPath {
    std::vector<std::filesystem::path> folders;
    std::vector<std::string> warnings; // e.g. ignored relative SB_PLUGIN_PATH entries
};

PluginSearchPath plugin_search_path(const char *sb_plugin_path_env, const std::filesystem::path &executable_dir);

} // namespace sb::core
