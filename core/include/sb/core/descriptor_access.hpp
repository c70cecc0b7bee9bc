// Reading plugin descriptors the way the ABI says: arrays of size-prefixed
// structs are stepped by the size the plugin wrote, not by this host's sizeof.
#pragma once

#include <sb/plugin_abi.h>

#include <cstddef>
#include <cstdint>

namespace sb::core {

inline const sb_option_desc &option_at(const sb_converter_desc &desc, std::uint32_t index) {
    const auto stride = static_cast<std::size_t>(desc.options[0].struct_size);
    return *reinterpret_cast<const sb_option_desc *>(reinterpret_cast<const unsigned char *>(desc.options) + stride * index);
}

} // namespace sb::core
