#pragma once

namespace sb::core {
// The sb release; set from the CMake project version.
extern const char *const kVersion;
} // namespace sb::core
