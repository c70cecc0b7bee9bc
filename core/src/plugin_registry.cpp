#include <sb/core/plugin_registry.hpp>

#include <sb/core/plugin_validation.hpp>
#include <sb/core/version.hpp>

#include <boost/dll/shared_library.hpp>
#include <fmt/format.h>

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <system_error>

namespace sb::core {

namespace fs = std::filesystem;

struct PluginRegistry::Libraries {
    std::vector<boost::dll::shared_library> handles;
};

namespace {

// Only plugins nobody else could have planted are loaded: the file and its
// folder must not be writable by users other than their owner, and the owner
// must be root or the user running sb. A symbolic link is only as trustworthy
// as the file it leads to and that file's folder, so those are checked too.
std::optional<std::string> check_trusted(const fs::path &library) {
    std::vector<fs::path> paths{library, library.parent_path()};
    std::error_code ec;
    const fs::path real = fs::canonical(library, ec);
    if (!ec && real != library) {
        paths.push_back(real);
        paths.push_back(real.parent_path());
    }
    for (const fs::path &p : paths) {
        struct stat st {};
        if (::stat(p.c_str(), &st) != 0) return fmt::format("cannot stat {}", p.string());
        if (st.st_mode & S_IWOTH) return fmt::format("{} is writable by other users; refusing to load code from it", p.string());
        if (st.st_uid != 0 && st.st_uid != ::geteuid())
            return fmt::format("{} belongs to another user (uid {}); refusing to load code from it", p.string(), st.st_uid);
    }
    return std::nullopt;
}

// Boost.DLL's error codes are generic; the text carries dlerror()'s message.
// The loader's own reason ("file too short", "undefined symbol: x"): Boost.DLL
// wraps dlerror() as "...load() failed (dlerror system message: <file>: <why>):
// <errno text>", and that errno text is stale, not the cause.
std::string load_error_text(const std::exception &e, const fs::path &library) {
    std::string text = e.what();
    std::replace(text.begin(), text.end(), '\n', ' ');
    const std::string marker = "(dlerror system message: ";
    const auto start = text.find(marker);
    const auto end = text.rfind(')');
    if (start == std::string::npos || end == std::string::npos || end < start) return text;
    std::string reason = text.substr(start + marker.size(), end - start - marker.size());
    const std::string prefix = library.string() + ": ";
    if (reason.rfind(prefix, 0) == 0) reason.erase(0, prefix.size());
    return reason;
}

} // namespace

PluginRegistry::PluginRegistry() : libraries_(std::make_unique<Libraries>()) {}
PluginRegistry::~PluginRegistry() = default;

void PluginRegistry::load_folders(const std::vector<fs::path> &folders) {
    for (const auto &folder : folders) {
        std::error_code ec;
        if (!fs::is_directory(folder, ec)) continue;
        std::vector<fs::path> files;
        // increment(ec) rather than ++, which throws. Every "*.so" that is not a
        // folder is tried, so a broken link is refused by name (and its error
        // never taints the folder's): one bad file must not hide the others.
        for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
            std::error_code type_ec;
            if (it->path().extension() == ".so" && !it->is_directory(type_ec)) files.push_back(it->path());
        }
        if (ec) {
            rejected_.push_back({folder, fmt::format("cannot read plugin folder: {}", ec.message())});
            continue;
        }
        std::sort(files.begin(), files.end());
        for (const auto &file : files) load_file(file);
    }
}

void PluginRegistry::load_file(const fs::path &library) {
    auto reject = [&](std::string reason) { rejected_.push_back({library, std::move(reason)}); };

    if (auto err = check_trusted(library)) return reject(*err);

    // RTLD_NOW: a missing symbol fails here, not in the middle of a job.
    // RTLD_LOCAL: one plugin's symbols never satisfy another's.
    // RTLD_NODELETE: the code is never unmapped, whatever outlives the handle.
    const auto mode = static_cast<boost::dll::load_mode::type>(boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local | RTLD_NODELETE);
    boost::dll::shared_library lib;
    try {
        lib.load(boost::dll::fs::path(library), mode);
    } catch (const std::exception &e) {
        return reject(fmt::format("cannot load: {}", load_error_text(e, library)));
    }
    if (!lib.has(SB_PLUGIN_ENTRY_SYMBOL))
        return reject(fmt::format("not an sb plugin: no '{}' symbol", SB_PLUGIN_ENTRY_SYMBOL));

    const auto &entry = lib.get<const sb_plugin_entry_t>(SB_PLUGIN_ENTRY_SYMBOL);
    if (auto err = check_entry_version(entry)) return reject(*err);

    sb_host_info host{};
    host.struct_size = sizeof host;
    host.abi_major = SB_ABI_VERSION_MAJOR;
    host.abi_minor = SB_ABI_VERSION_MINOR;
    host.host_version = kVersion;
    const sb_plugin_desc *plugin = entry.get_plugin(&host);
    if (auto err = check_plugin_desc(plugin)) return reject(*err);

    bool any_loaded = false;
    for (std::uint32_t i = 0; i < plugin->converter_count; ++i) {
        const sb_converter_desc *conv = plugin->converters[i];
        if (auto err = check_converter_desc(conv)) {
            reject(fmt::format("{}: {}", plugin->id, *err));
            continue;
        }
        if (const auto *existing = find(conv->name)) {
            reject(fmt::format("converter '{}' is already provided by {} (first found wins)", conv->name,
                               existing->library.string()));
            continue;
        }
        converters_.push_back({conv, library, plugin->id, plugin->version ? plugin->version : "",
                               entry.abi_major, entry.abi_minor});
        any_loaded = true;
    }
    if (any_loaded) libraries_->handles.push_back(std::move(lib));
}

const LoadedConverter *PluginRegistry::find(std::string_view name) const {
    for (const auto &c : converters_)
        if (name == c.desc->name) return &c;
    return nullptr;
}

} // namespace sb::core
