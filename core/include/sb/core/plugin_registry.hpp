// The set of converter plugins this process loaded, and the ones it refused.
//
// Plugins are loaded on the main thread before any job starts and stay loaded
// until the registry is destroyed at process exit (they are also opened with
// RTLD_NODELETE, so even that never unmaps their code): descriptors, function
// pointers and strings handed out by a plugin therefore never dangle.
#pragma once

#include <sb/plugin_abi.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sb::core {

struct LoadedConverter {
    const sb_converter_desc *desc = nullptr; // owned by the plugin, valid for the process lifetime
    std::filesystem::path library;
    std::string plugin_id;
    std::string plugin_version;
    std::uint32_t abi_major = 0;
    std::uint32_t abi_minor = 0;
};

struct RejectedPlugin {
    std::filesystem::path library;
    std::string reason; // one line
};

class PluginRegistry {
public:
    PluginRegistry();
    ~PluginRegistry();
    PluginRegistry(const PluginRegistry &) = delete;
    PluginRegistry &operator=(const PluginRegistry &) = delete;

    // Loads every "*.so" file of each folder, folders in order, files sorted by
    // name. A folder that does not exist is ignored; any problem with a file is
    // recorded in rejected() and never stops the others.
    void load_folders(const std::vector<std::filesystem::path> &folders);
    // Loads one library file (same checks as load_folders).
    void load_file(const std::filesystem::path &library);

    const std::vector<LoadedConverter> &converters() const { return converters_; }
    const std::vector<RejectedPlugin> &rejected() const { return rejected_; }
    const LoadedConverter *find(std::string_view name) const;

private:
    struct Libraries;
    std::unique_ptr<Libraries> libraries_;
    std::vector<LoadedConverter> converters_;
    std::vector<RejectedPlugin> rejected_;
};

} // namespace sb::core
