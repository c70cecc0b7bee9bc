#include <sb/core/option_bridge.hpp>

#include <sb/core/descriptor_access.hpp>

#include <fmt/format.h>

#include <variant>

namespace sb::core {

namespace {

std::string allowed_text(const sb_option_desc &o) {
    if (o.type == SB_OPTION_CHOICE) return "{" + choices_text(o) + "}";
    return range_text(o);
}

std::string help_text(const sb_option_desc &o) {
    std::string help = o.help;
    std::vector<std::string> notes;
    if (o.type != SB_OPTION_FLAG && o.type != SB_OPTION_CHOICE && !range_text(o).empty()) notes.push_back(range_text(o));
    if (o.default_value && o.type != SB_OPTION_FLAG) notes.push_back(fmt::format("default {}", o.default_value));
    if (!notes.empty()) help += fmt::format(" ({})", fmt::join(notes, ", "));
    return help;
}

std::string type_name(const sb_option_desc &o) {
    if (o.value_name) return o.value_name;
    switch (o.type) {
    case SB_OPTION_INT: return "INT";
    case SB_OPTION_FLOAT: return "NUM";
    case SB_OPTION_BITRATE: return "RATE";
    case SB_OPTION_CHOICE: return "{" + choices_text(o) + "}";
    default: return "TEXT";
    }
}

} // namespace

OptionBridge::OptionBridge(CLI::App &command, const sb_converter_desc &desc) : desc_(desc) {
    for (std::uint32_t i = 0; i < desc.option_count; ++i) {
        const sb_option_desc &o = option_at(desc, i);
        auto &b = bindings_.emplace_back();
        b.desc = &o;
        std::string names = o.short_name ? fmt::format("-{},--{}", o.short_name, o.name) : fmt::format("--{}", o.name);
        if (o.type == SB_OPTION_FLAG) {
            b.option = command.add_flag(names)->description(help_text(o));
            continue;
        }
        b.option = command.add_option(names, b.text, help_text(o));
        b.option->type_name(type_name(o));
        const std::string flag = fmt::format("--{}", o.name);
        const std::string allowed = allowed_text(o);
        b.option->check(CLI::Validator(
            [&o, flag, allowed](std::string &value) -> std::string {
                auto parsed = parse_option_value(o, value);
                if (auto *err = std::get_if<std::string>(&parsed)) {
                    return allowed.empty() || o.type == SB_OPTION_CHOICE ? *err : fmt::format("{} (allowed: {})", *err, allowed);
                }
                return {};
            },
            "", o.name));
    }
}

OptionValues OptionBridge::values() const {
    OptionValues values(desc_);
    for (const auto &b : bindings_) {
        if (b.option->count() == 0) continue;
        if (b.desc->type == SB_OPTION_FLAG) {
            values.set_explicit(b.desc->name, OptionValue{"1", 1, 1.0});
            continue;
        }
        auto parsed = parse_option_value(*b.desc, b.text);
        if (auto *v = std::get_if<OptionValue>(&parsed)) values.set_explicit(b.desc->name, std::move(*v));
    }
    return values;
}

} // namespace sb::core
