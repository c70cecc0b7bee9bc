#include <sb/core/option_value.hpp>

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <string>

namespace sb::core {

namespace {

// from_chars, not strtod: the same in every locale, and no leading blanks or
// hexadecimal ("0x10") slip through as numbers.
std::optional<double> parse_double(std::string_view text) {
    double value = 0;
    const char *first = text.data();
    const char *last = text.data() + text.size();
    if (first != last && *first == '+') ++first;
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec != std::errc{} || ptr != last || first == last || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
    std::int64_t value = 0;
    const char *first = text.data();
    const char *last = text.data() + text.size();
    if (first != last && *first == '+') ++first;
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec != std::errc{} || ptr != last || first == last) return std::nullopt;
    return value;
}

std::string bitrate_text(double bps) {
    if (bps >= 1e9 && std::fmod(bps, 1e9) == 0) return fmt::format("{}G", bps / 1e9);
    if (bps >= 1e6 && std::fmod(bps, 1e6) == 0) return fmt::format("{}M", bps / 1e6);
    if (bps >= 1e3 && std::fmod(bps, 1e3) == 0) return fmt::format("{}k", bps / 1e3);
    return fmt::format("{}", bps);
}

std::string number_text(const sb_option_desc &desc, double v) {
    if (desc.type == SB_OPTION_BITRATE) return bitrate_text(v);
    if (desc.type == SB_OPTION_INT) return fmt::format("{}", static_cast<std::int64_t>(v));
    return fmt::format("{}", v);
}

std::optional<std::string> check_range(const sb_option_desc &desc, double v, std::string_view text) {
    if (!(desc.flags & SB_OPTION_HAS_RANGE)) return std::nullopt;
    if (v < desc.min_value || v > desc.max_value)
        return fmt::format("{} is out of range {}", text, range_text(desc));
    return std::nullopt;
}

} // namespace

std::optional<std::int64_t> parse_bitrate(std::string_view text) {
    if (text.empty()) return std::nullopt;
    double scale = 1.0;
    switch (text.back()) {
    case 'k': case 'K': scale = 1e3; break;
    case 'm': case 'M': scale = 1e6; break;
    case 'g': case 'G': scale = 1e9; break;
    default: break;
    }
    if (scale != 1.0) text.remove_suffix(1);
    const auto number = parse_double(text);
    if (!number || *number < 0) return std::nullopt;
    const double bps = std::round(*number * scale);
    if (bps > 9.0e15) return std::nullopt;
    return static_cast<std::int64_t>(bps);
}

std::string choices_text(const sb_option_desc &desc) {
    std::string out;
    for (auto c = desc.choices; c && *c; ++c) {
        if (!out.empty()) out += ", ";
        out += *c;
    }
    return out;
}

std::string range_text(const sb_option_desc &desc) {
    if (!(desc.flags & SB_OPTION_HAS_RANGE)) return {};
    return number_text(desc, desc.min_value) + ".." + number_text(desc, desc.max_value);
}

std::variant<OptionValue, std::string> parse_option_value(const sb_option_desc &desc, std::string_view text) {
    OptionValue value;
    value.text = std::string(text);
    switch (desc.type) {
    case SB_OPTION_FLAG: {
        if (text == "1" || text == "true" || text == "on" || text == "yes") value.integer = 1;
        else if (text == "0" || text == "false" || text == "off" || text == "no") value.integer = 0;
        else return fmt::format("'{}' is not a yes/no value", text);
        value.real = static_cast<double>(value.integer);
        return value;
    }
    case SB_OPTION_INT: {
        const auto parsed = parse_int(text);
        if (!parsed) return fmt::format("'{}' is not a whole number", text);
        if (auto err = check_range(desc, static_cast<double>(*parsed), text)) return *err;
        value.integer = *parsed;
        value.real = static_cast<double>(*parsed);
        return value;
    }
    case SB_OPTION_FLOAT: {
        const auto parsed = parse_double(text);
        if (!parsed) return fmt::format("'{}' is not a number", text);
        if (auto err = check_range(desc, *parsed, text)) return *err;
        value.real = *parsed;
        value.integer = static_cast<std::int64_t>(*parsed);
        return value;
    }
    case SB_OPTION_BITRATE: {
        const auto parsed = parse_bitrate(text);
        if (!parsed) return fmt::format("'{}' is not a bitrate (examples: 800k, 2M, 2.5M)", text);
        if (auto err = check_range(desc, static_cast<double>(*parsed), text)) return *err;
        value.integer = *parsed;
        value.real = static_cast<double>(*parsed);
        return value;
    }
    case SB_OPTION_CHOICE: {
        for (auto c = desc.choices; c && *c; ++c)
            if (text == *c) return value;
        return fmt::format("'{}' is not one of: {}", text, choices_text(desc));
    }
    case SB_OPTION_STRING:
        return value;
    default:
        return fmt::format("option type {} is unknown to this host", desc.type);
    }
}

} // namespace sb::core
