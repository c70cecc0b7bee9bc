// Checks a plugin's descriptors against what this host understands, before any
// of them is used. Pure functions, no loading: unit-testable with hand-made
// descriptors.
#pragma once

#include <sb/plugin_abi.h>

#include <optional>
#include <string>

namespace sb::core {

// The entry's frozen header: an error text if the ABI version or size is not one
// this host can use, std::nullopt when it is acceptable.
std::optional<std::string> check_entry_version(const sb_plugin_entry_t &entry);

// The plugin descriptor returned by get_plugin (shape, not converter content).
std::optional<std::string> check_plugin_desc(const sb_plugin_desc *desc);

// One converter descriptor: names, extensions, option table, required functions,
// and that no option clashes with the host's own batch options.
std::optional<std::string> check_converter_desc(const sb_converter_desc *desc);

// "1.0" style text of an ABI version.
std::string abi_version_text(std::uint32_t major, std::uint32_t minor);

} // namespace sb::core
