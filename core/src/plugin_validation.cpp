#include <sb/core/plugin_validation.hpp>

#include <sb/core/batch_options.hpp>
#include <sb/core/descriptor_access.hpp>
#include <sb/core/option_value.hpp>

#include <fmt/format.h>

#include <cctype>
#include <cstring>
#include <set>
#include <string_view>
#include <variant>

namespace sb::core {

namespace {

// Sizes of the structs as ABI 1.0 defined them. When a later minor appends
// fields, these stay as they are (written as offsetof(last 1.0 field) + size):
// a 1.0 plugin is still accepted and the host treats the new fields as absent.
constexpr std::uint32_t kEntrySize10 = sizeof(sb_plugin_entry_t);
constexpr std::uint32_t kPluginDescSize10 = sizeof(sb_plugin_desc);
constexpr std::uint32_t kConverterDescSize10 = sizeof(sb_converter_desc);
constexpr std::uint32_t kOptionDescSize10 = sizeof(sb_option_desc);

bool is_command_name(const char *name) {
    if (!name || !*name || !(std::islower(static_cast<unsigned char>(*name)) || std::isdigit(static_cast<unsigned char>(*name))))
        return false;
    for (const char *p = name; *p; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (!(std::islower(c) || std::isdigit(c) || c == '-')) return false;
    }
    return std::strlen(name) <= 64;
}

bool is_extension(const char *ext) {
    if (!ext || ext[0] != '.' || ext[1] == '\0') return false;
    for (const char *p = ext + 1; *p; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (!(std::islower(c) || std::isdigit(c))) return false;
    }
    return true;
}

std::optional<std::string> check_option(const sb_option_desc &o, std::set<std::string> &longs, std::set<std::string> &shorts) {
    if (o.struct_size < kOptionDescSize10)
        return fmt::format("option descriptor too small ({} bytes, ABI 1.0 needs {})", o.struct_size, kOptionDescSize10);
    if (!is_command_name(o.name)) return fmt::format("invalid option name '{}'", o.name ? o.name : "(null)");
    const std::string name = o.name;
    if (is_reserved_option_name(name)) return fmt::format("option --{} clashes with a host option", name);
    if (!longs.insert(name).second) return fmt::format("option --{} is declared twice", name);
    if (o.short_name) {
        const std::string s = o.short_name;
        if (s.size() != 1 || !std::isalpha(static_cast<unsigned char>(s[0])))
            return fmt::format("option --{}: short name '{}' is not a single letter", name, s);
        if (is_reserved_short_name(s)) return fmt::format("option -{} (--{}) clashes with a host option", s, name);
        if (!shorts.insert(s).second) return fmt::format("option -{} is declared twice", s);
    }
    if (!o.help || !*o.help) return fmt::format("option --{} has no help text", name);
    switch (o.type) {
    case SB_OPTION_FLAG: case SB_OPTION_INT: case SB_OPTION_FLOAT: case SB_OPTION_STRING: case SB_OPTION_BITRATE: break;
    case SB_OPTION_CHOICE:
        if (!o.choices || !o.choices[0]) return fmt::format("option --{} has no choices", name);
        break;
    default: return fmt::format("option --{} has unknown type {}", name, o.type);
    }
    // ABI 1.1: the choices become file extensions, so they must be safe as one.
    if (o.flags & SB_OPTION_OUTPUT_EXTENSION) {
        if (o.type != SB_OPTION_CHOICE) return fmt::format("option --{} picks the output extension but is not a choice", name);
        for (auto c = o.choices; *c; ++c)
            if (!is_extension(("." + std::string(*c)).c_str()))
                return fmt::format("option --{}: choice '{}' is not a file extension (use [a-z0-9])", name, *c);
    }
    if ((o.flags & SB_OPTION_HAS_RANGE) && !(o.min_value <= o.max_value))
        return fmt::format("option --{} has an empty range", name);
    if (o.default_value && o.type != SB_OPTION_FLAG) {
        auto parsed = parse_option_value(o, o.default_value);
        if (auto *err = std::get_if<std::string>(&parsed))
            return fmt::format("option --{}: default {}", name, *err);
    }
    return std::nullopt;
}

} // namespace

std::string abi_version_text(std::uint32_t major, std::uint32_t minor) { return fmt::format("{}.{}", major, minor); }

std::optional<std::string> check_entry_version(const sb_plugin_entry_t &entry) {
    const auto plugin = abi_version_text(entry.abi_major, entry.abi_minor);
    const auto host = abi_version_text(SB_ABI_VERSION_MAJOR, SB_ABI_VERSION_MINOR);
    if (entry.abi_major != SB_ABI_VERSION_MAJOR)
        return fmt::format("plugin ABI {} is incompatible with host ABI {} (major versions differ)", plugin, host);
    if (entry.abi_minor > SB_ABI_VERSION_MINOR)
        return fmt::format("plugin ABI {} is newer than host ABI {} (update sb)", plugin, host);
    if (entry.struct_size < kEntrySize10)
        return fmt::format("plugin entry is {} bytes, ABI {} needs at least {}", entry.struct_size, plugin, kEntrySize10);
    if (!entry.get_plugin) return "plugin entry has no get_plugin function";
    return std::nullopt;
}

std::optional<std::string> check_plugin_desc(const sb_plugin_desc *desc) {
    if (!desc) return "get_plugin returned no descriptor (the plugin refused to start)";
    if (desc->struct_size < kPluginDescSize10)
        return fmt::format("plugin descriptor is {} bytes, ABI 1.0 needs at least {}", desc->struct_size, kPluginDescSize10);
    if (!desc->id || !*desc->id) return "plugin descriptor has no id";
    if (desc->converter_count == 0 || !desc->converters) return "plugin declares no converters";
    return std::nullopt;
}

std::optional<std::string> check_converter_desc(const sb_converter_desc *desc) {
    if (!desc) return "null converter descriptor";
    if (desc->struct_size < kConverterDescSize10)
        return fmt::format("converter descriptor is {} bytes, ABI 1.0 needs at least {}", desc->struct_size, kConverterDescSize10);
    if (!is_command_name(desc->name))
        return fmt::format("invalid converter name '{}' (use lower-case letters, digits and '-')", desc->name ? desc->name : "(null)");
    const std::string name = desc->name;
    static constexpr std::string_view kHostCommands[] = {"ls", "version", "help"};
    for (auto reserved : kHostCommands)
        if (name == reserved) return fmt::format("converter name '{}' is a built-in sb command", name);
    if (!desc->summary || !*desc->summary) return fmt::format("converter '{}' has no summary", name);
    if (!is_extension(desc->output_extension))
        return fmt::format("converter '{}' has an invalid output extension (want e.g. \".mp4\")", name);
    if (!desc->input_extensions || !desc->input_extensions[0])
        return fmt::format("converter '{}' declares no input extensions", name);
    for (auto e = desc->input_extensions; *e; ++e)
        if (!is_extension(*e)) return fmt::format("converter '{}': invalid input extension '{}'", name, *e);
    if (!desc->convert) return fmt::format("converter '{}' has no convert function", name);
    if (desc->option_count > 0 && !desc->options) return fmt::format("converter '{}' has option_count but no options", name);
    if (desc->option_count > 0 && desc->options[0].struct_size < kOptionDescSize10)
        return fmt::format("converter '{}': option descriptor too small ({} bytes, ABI 1.0 needs {})", name,
                           desc->options[0].struct_size, kOptionDescSize10);
    std::set<std::string> longs, shorts;
    int extension_options = 0;
    for (std::uint32_t i = 0; i < desc->option_count; ++i) {
        if (auto err = check_option(option_at(*desc, i), longs, shorts)) return fmt::format("converter '{}': {}", name, *err);
        extension_options += (option_at(*desc, i).flags & SB_OPTION_OUTPUT_EXTENSION) ? 1 : 0;
    }
    if (extension_options > 1) return fmt::format("converter '{}': more than one option picks the output extension", name);
    return std::nullopt;
}

} // namespace sb::core
