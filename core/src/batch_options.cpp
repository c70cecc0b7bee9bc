#include <sb/core/batch_options.hpp>

#include <array>
#include <algorithm>

namespace sb::core {

namespace {
constexpr std::array<std::string_view, 19> kReservedLong = {
    "help", "workers", "out", "recursive", "skip", "dry-run", "verbose", "flat", "config", "dir",
    "quiet", "no-progress", "overwrite", "order", "report", "version", "plugin-dir", "json", "log-level"};
constexpr std::array<std::string_view, 9> kReservedShort = {"h", "w", "o", "r", "s", "n", "v", "f", "d"};
} // namespace

bool is_reserved_option_name(std::string_view long_name) {
    return std::find(kReservedLong.begin(), kReservedLong.end(), long_name) != kReservedLong.end();
}

bool is_reserved_short_name(std::string_view short_name) {
    return std::find(kReservedShort.begin(), kReservedShort.end(), short_name) != kReservedShort.end();
}

} // namespace sb::core
