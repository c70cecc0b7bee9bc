// Parsing and checking one option value against its descriptor. Shared by the
// command-line bridge (user input) and plugin validation (defaults).
#pragma once

#include <sb/plugin_abi.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace sb::core {

struct OptionValue {
    std::string text;        // as typed (or the default text)
    std::int64_t integer = 0; // INT, BITRATE, FLAG; FLOAT truncated
    double real = 0.0;       // FLOAT; INT/BITRATE converted
};

// "192000", "192k", "2M", "2.5M", "1G" (SI: k = 1000) -> bits per second.
std::optional<std::int64_t> parse_bitrate(std::string_view text);

// The value, or a one-line reason it is not acceptable (without the option name),
// e.g. "99 is out of range 0..51" or "'h266' is not one of: h264, h265, vp9".
std::variant<OptionValue, std::string> parse_option_value(const sb_option_desc &desc, std::string_view text);

// "h264, h265, vp9"
std::string choices_text(const sb_option_desc &desc);
// "0..51", "8k..1M", or "" without a range
std::string range_text(const sb_option_desc &desc);

} // namespace sb::core
