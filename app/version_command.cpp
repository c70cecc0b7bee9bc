#include "commands.hpp"

#include <sb/core/ffmpeg_runtime.hpp>
#include <sb/core/plugin_validation.hpp>
#include <sb/core/version.hpp>

#include <fmt/format.h>

namespace sb::app {

int version_command() {
    fmt::print("sb {}\n", core::kVersion);
    fmt::print("plugin ABI {}\n", core::abi_version_text(SB_ABI_VERSION_MAJOR, SB_ABI_VERSION_MINOR));
    fmt::print("{}\n", core::ffmpeg_versions());
    return 0;
}

} // namespace sb::app
